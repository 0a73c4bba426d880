package org.keymail.vault.user;

import org.keymail.vault.VaultException;

/** A user with this e-mail address exists already. */
public final class UserExistsException extends VaultException {
  private static final long serialVersionUID = 1L;

  public UserExistsException(String message) {
    super(message);
  }
}
