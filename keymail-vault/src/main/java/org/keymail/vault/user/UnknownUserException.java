package org.keymail.vault.user;

import org.keymail.vault.VaultException;

/** No keymail user has this e-mail address or id. */
public final class UnknownUserException extends VaultException {
  private static final long serialVersionUID = 1L;

  public UnknownUserException(String message) {
    super(message);
  }
}
