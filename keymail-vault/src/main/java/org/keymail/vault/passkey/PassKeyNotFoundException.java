package org.keymail.vault.passkey;

import org.keymail.vault.VaultException;

/** No such PassKey belongs to this user. */
public final class PassKeyNotFoundException extends VaultException {
  private static final long serialVersionUID = 1L;

  public PassKeyNotFoundException(String message) {
    super(message);
  }
}
