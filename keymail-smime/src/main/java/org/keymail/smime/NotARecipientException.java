package org.keymail.smime;

/** The message was encrypted, but not to any key that was offered for decrypting it. */
public final class NotARecipientException extends SmimeException {
  private static final long serialVersionUID = 1L;

  public NotARecipientException(String message) {
    super(message);
  }

  public NotARecipientException(String message, Throwable cause) {
    super(message, cause);
  }
}
