package org.keymail.vault.protect;

import org.keymail.vault.VaultException;

/** The PKCS#11 token refused the PIN, or cannot be reached with the configuration given. */
public class HsmLoginException extends VaultException {
  private static final long serialVersionUID = 1L;

  public HsmLoginException(String message, Throwable cause) {
    super(message, cause);
  }
}
