package org.keymail.vault.keys;

import org.keymail.vault.VaultException;

/** No vault key has the id given (or it is not the caller's). */
public class UnknownKeyException extends VaultException {
  private static final long serialVersionUID = 1L;

  public UnknownKeyException(String message) {
    super(message);
  }

  public UnknownKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
