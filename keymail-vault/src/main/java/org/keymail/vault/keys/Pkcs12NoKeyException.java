package org.keymail.vault.keys;

import org.keymail.vault.VaultException;

/**
 * A PKCS#12 file holds no private key (only certificates), so there is nothing to import. Nothing
 * was stored.
 */
public class Pkcs12NoKeyException extends VaultException {
  private static final long serialVersionUID = 1L;

  public Pkcs12NoKeyException(String message) {
    super(message);
  }

  public Pkcs12NoKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
