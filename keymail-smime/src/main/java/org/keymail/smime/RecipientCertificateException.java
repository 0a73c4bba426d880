package org.keymail.smime;

/**
 * A certificate cannot be used to encrypt to its owner: it has expired, its key usage forbids
 * encryption, or its key type is not supported.
 */
public final class RecipientCertificateException extends SmimeException {
  private static final long serialVersionUID = 1L;

  public RecipientCertificateException(String message) {
    super(message);
  }

  public RecipientCertificateException(String message, Throwable cause) {
    super(message, cause);
  }
}
