package org.keymail.vault.user;

import org.keymail.vault.VaultException;

/**
 * A user's status cannot change that way: disabling a disabled user, enabling one who is not
 * disabled, or an administrator disabling themselves (which could leave keymail without an active
 * administrator).
 */
public final class UserStatusException extends VaultException {
  private static final long serialVersionUID = 1L;

  public UserStatusException(String message) {
    super(message);
  }
}
