package org.keymail.vault.passkey;

import org.keymail.vault.VaultException;

/** A PassKey's name cannot be kept as given (empty, too long, or with control characters). */
public final class PassKeyNameException extends VaultException {
  private static final long serialVersionUID = 1L;

  public PassKeyNameException(String message) {
    super(message);
  }
}
