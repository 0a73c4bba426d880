package org.keymail.vault.session;

import org.keymail.vault.VaultException;

/**
 * An administrator has disabled this user: they cannot sign in, and the sessions they had are
 * ended. Only an administrator can enable them again.
 */
public final class UserDisabledException extends VaultException {
  private static final long serialVersionUID = 1L;

  public UserDisabledException(String email) {
    super(
        "The keymail user "
            + email
            + " is disabled; an administrator must enable it before it can sign in again");
  }
}
