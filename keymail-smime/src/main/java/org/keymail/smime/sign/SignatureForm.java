package org.keymail.smime.sign;

/** How a signed message is packaged (RFC 8551 §3.5). */
public enum SignatureForm {
  /**
   * {@code multipart/signed}: the content in the clear, the signature beside it. Readable by every
   * mail client, with or without S/MIME; keymail's default.
   */
  DETACHED,
  /**
   * {@code application/pkcs7-mime; smime-type=signed-data}: the content inside the signature. Safe
   * from gateways that rewrite content, but unreadable without S/MIME.
   */
  OPAQUE
}
