package org.keymail.smime.encrypt;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What {@link MessageEncryptor} did: the cipher it chose and why, and every certificate the message
 * can be decrypted with (the recipients' and the sender's own).
 */
public record EncryptionReport(ContentCipher cipher, String why, List<X509Certificate> recipients) {
  public EncryptionReport {
    recipients = List.copyOf(recipients);
  }
}
