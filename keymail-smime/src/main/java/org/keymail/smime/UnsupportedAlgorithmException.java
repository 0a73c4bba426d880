package org.keymail.smime;

/** The message uses, or the caller asked for, an algorithm keymail does not support. */
public final class UnsupportedAlgorithmException extends SmimeException {
  private static final long serialVersionUID = 1L;

  public UnsupportedAlgorithmException(String message) {
    super(message);
  }

  public UnsupportedAlgorithmException(String message, Throwable cause) {
    super(message, cause);
  }
}
