package org.keymail.vault.keys;

import org.keymail.vault.VaultException;

/** The password given for a PKCS#12 file does not open it. Nothing was stored. */
public class Pkcs12PasswordException extends VaultException {
  private static final long serialVersionUID = 1L;

  public Pkcs12PasswordException(String message) {
    super(message);
  }

  public Pkcs12PasswordException(String message, Throwable cause) {
    super(message, cause);
  }
}
