package org.keymail.mail.imap;

/**
 * What a message's outer structure says it is, read from its MIME structure only (the list never
 * decrypts or verifies anything; opening the message does).
 */
public enum SecureKind {
  /** Neither signed nor encrypted on the outside. */
  PLAIN,
  /**
   * {@code multipart/signed}, or {@code application/pkcs7-mime} with {@code
   * smime-type=signed-data}.
   */
  SIGNED,
  /**
   * {@code application/pkcs7-mime} with {@code smime-type} {@code enveloped-data}, {@code
   * authEnveloped-data} or none, or an {@code smime.p7m} attachment as older clients send it: what
   * is inside, a signature included, shows only when it is opened with the PassKey.
   */
  ENCRYPTED
}
