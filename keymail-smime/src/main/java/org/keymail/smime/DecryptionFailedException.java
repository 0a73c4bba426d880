package org.keymail.smime;

/**
 * The message is addressed to the key, but its encrypted content does not decrypt: it was altered
 * in transit, or the wrapped key does not belong to this key pair.
 */
public final class DecryptionFailedException extends SmimeException {
  private static final long serialVersionUID = 1L;

  public DecryptionFailedException(String message) {
    super(message);
  }

  public DecryptionFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
