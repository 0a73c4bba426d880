package org.keymail.vault.user;

import org.keymail.vault.VaultException;

/** The activation code cannot be used: unknown, already used, or expired. */
public final class ActivationCodeException extends VaultException {
  private static final long serialVersionUID = 1L;

  public ActivationCodeException(String message) {
    super(message);
  }
}
