package org.keymail.vault.passkey;

import org.keymail.vault.VaultException;

/** The WebAuthn ceremony is unknown, already finished, or older than five minutes; start again. */
public final class CeremonyExpiredException extends VaultException {
  private static final long serialVersionUID = 1L;

  public CeremonyExpiredException(String message) {
    super(message);
  }
}
