package org.keymail.cli.mail;

import java.util.List;

/**
 * An encrypted message cannot go out: keymail knows no certificate for these recipients. Nothing
 * was sent; each interface names them in its own words.
 */
public final class MissingCertificatesException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> recipients;

  MissingCertificatesException(List<String> recipients) {
    super("keymail has no certificate to encrypt to " + String.join(", ", recipients));
    this.recipients = List.copyOf(recipients);
  }

  /** The recipients without a certificate, as the server named them. */
  public List<String> recipients() {
    return recipients;
  }
}
