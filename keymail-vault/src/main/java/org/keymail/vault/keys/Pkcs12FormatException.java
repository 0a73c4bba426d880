package org.keymail.vault.keys;

import org.keymail.vault.VaultException;

/**
 * A file given as PKCS#12 is not one, or is damaged; the message says what is wrong. Nothing was
 * stored.
 */
public class Pkcs12FormatException extends VaultException {
  private static final long serialVersionUID = 1L;

  public Pkcs12FormatException(String message) {
    super(message);
  }

  public Pkcs12FormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
