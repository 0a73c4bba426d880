package org.keymail.smime.encrypt;

import java.security.cert.X509Certificate;
import java.util.List;
import org.keymail.smime.SmimeException;

/**
 * None of the content-encryption algorithms the sender's organisation allows suits every recipient
 * (only AES-256-GCM is allowed, and some recipient's mail client is not known to read it), or the
 * algorithm asked for is not allowed. Nothing was written.
 */
public final class NoAllowedCipherException extends SmimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<X509Certificate> recipients;

  NoAllowedCipherException(String message, List<X509Certificate> recipients) {
    super(message);
    this.recipients = List.copyOf(recipients);
  }

  /**
   * The recipients no allowed algorithm suits; empty when the algorithm asked for is not allowed.
   */
  public List<X509Certificate> recipients() {
    return recipients;
  }
}
