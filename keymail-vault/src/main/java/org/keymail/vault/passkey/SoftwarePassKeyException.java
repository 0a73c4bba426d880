package org.keymail.vault.passkey;

import org.keymail.vault.VaultException;

/** The software PassKey file cannot be used: missing, unreadable, for another site, or not ours. */
public final class SoftwarePassKeyException extends VaultException {
  private static final long serialVersionUID = 1L;

  public SoftwarePassKeyException(String message) {
    super(message);
  }

  public SoftwarePassKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
