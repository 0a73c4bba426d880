package org.keymail.smime.encrypt;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Someone a message is encrypted to: their certificate, and what their mail client is known to
 * decrypt (from the last signed mail they sent; unknown otherwise).
 */
public record EncryptionRecipient(X509Certificate certificate, SmimeCapabilities capabilities) {

  public EncryptionRecipient {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(capabilities, "capabilities");
  }

  /** A recipient whose client's capabilities are unknown. */
  public static EncryptionRecipient of(X509Certificate certificate) {
    return new EncryptionRecipient(certificate, SmimeCapabilities.unknown());
  }
}
