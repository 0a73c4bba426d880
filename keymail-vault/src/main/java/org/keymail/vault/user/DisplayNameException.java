package org.keymail.vault.user;

import org.keymail.vault.VaultException;

/** A display name cannot be kept as given (too long, or with control characters). */
public final class DisplayNameException extends VaultException {
  private static final long serialVersionUID = 1L;

  public DisplayNameException(String message) {
    super(message);
  }
}
