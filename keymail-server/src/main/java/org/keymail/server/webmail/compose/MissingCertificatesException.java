package org.keymail.server.webmail.compose;

import java.util.List;
import org.keymail.smime.address.EmailAddress;

/**
 * An encrypted message cannot go out: keymail has no usable certificate for these recipients.
 * Nothing was sent.
 */
class MissingCertificatesException extends ComposeProblem {
  private static final long serialVersionUID = 1L;

  private final transient List<EmailAddress> recipients;

  MissingCertificatesException(List<EmailAddress> recipients) {
    super(
        "Not sent: keymail has no usable certificate to encrypt to "
            + String.join(", ", recipients.stream().map(EmailAddress::toString).toList())
            + ". Ask them to send you a signed message (their certificate comes with it), or look"
            + " for them in the directory under Contacts; or remove them, or turn off Encrypt.");
    this.recipients = List.copyOf(recipients);
  }

  List<EmailAddress> recipients() {
    return recipients;
  }
}
