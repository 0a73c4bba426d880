package org.keymail.vault.lockout;

import org.keymail.vault.VaultException;

/** The PassKey is unknown to the vault or was revoked, so it cannot take an access code. */
public final class PassKeyUnusableException extends VaultException {
  private static final long serialVersionUID = 1L;

  public PassKeyUnusableException(String message) {
    super(message);
  }

  static PassKeyUnusableException revoked() {
    return new PassKeyUnusableException("This PassKey was revoked; use another PassKey");
  }

  static PassKeyUnusableException unknown() {
    return new PassKeyUnusableException("This PassKey is not registered with keymail");
  }
}
