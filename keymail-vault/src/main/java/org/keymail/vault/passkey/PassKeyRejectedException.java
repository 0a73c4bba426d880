package org.keymail.vault.passkey;

import org.keymail.vault.VaultException;

/** The PassKey's answer was not accepted (a wrong, replayed or malformed WebAuthn response). */
public final class PassKeyRejectedException extends VaultException {
  private static final long serialVersionUID = 1L;

  public PassKeyRejectedException(String message) {
    super(message);
  }
}
