package org.keymail.vault.lockout;

import org.keymail.vault.VaultException;

/** A PassKey was named by a name several of the user's PassKeys share; its id tells them apart. */
public final class PassKeyChoiceException extends VaultException {
  private static final long serialVersionUID = 1L;

  public PassKeyChoiceException(String message) {
    super(message);
  }
}
