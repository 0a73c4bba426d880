package org.keymail.vault.user;

import org.keymail.vault.VaultException;

/** What was given as a user's e-mail address is not one. */
public final class EmailAddressException extends VaultException {
  private static final long serialVersionUID = 1L;

  public EmailAddressException(String message) {
    super(message);
  }
}
