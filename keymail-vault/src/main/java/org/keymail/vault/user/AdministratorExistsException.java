package org.keymail.vault.user;

import org.keymail.vault.VaultException;

/** keymail has an administrator already, so no first administrator can be bootstrapped. */
public final class AdministratorExistsException extends VaultException {
  private static final long serialVersionUID = 1L;

  public AdministratorExistsException(String message) {
    super(message);
  }
}
