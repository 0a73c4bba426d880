package org.keymail.vault.keys;

import org.keymail.vault.VaultException;

/** Someone who is not an active administrator asked for an administrator's action on keys. */
public final class NotAdministratorException extends VaultException {
  private static final long serialVersionUID = 1L;

  public NotAdministratorException(String message) {
    super(message);
  }
}
