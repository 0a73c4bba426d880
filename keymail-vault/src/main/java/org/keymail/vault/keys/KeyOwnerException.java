package org.keymail.vault.keys;

import org.keymail.vault.VaultException;

/** The unlock session belongs to another user than the key's owner: the key is not used. */
public class KeyOwnerException extends VaultException {
  private static final long serialVersionUID = 1L;

  public KeyOwnerException(String message) {
    super(message);
  }

  public KeyOwnerException(String message, Throwable cause) {
    super(message, cause);
  }
}
