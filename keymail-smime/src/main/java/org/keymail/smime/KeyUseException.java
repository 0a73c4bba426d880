package org.keymail.smime;

/**
 * The holder of a private key (see {@link KeyHandle}) refused or failed to use it: for a vault key,
 * for example, because the owner's PassKey is not presented or the access code is needed.
 */
public class KeyUseException extends SmimeException {
  private static final long serialVersionUID = 1L;

  public KeyUseException(String message) {
    super(message);
  }

  public KeyUseException(String message, Throwable cause) {
    super(message, cause);
  }
}
