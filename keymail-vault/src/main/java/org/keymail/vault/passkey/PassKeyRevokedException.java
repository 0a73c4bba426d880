package org.keymail.vault.passkey;

import org.keymail.vault.VaultException;

/** The PassKey was revoked and can no longer be used. */
public final class PassKeyRevokedException extends VaultException {
  private static final long serialVersionUID = 1L;

  public PassKeyRevokedException(String message) {
    super(message);
  }
}
