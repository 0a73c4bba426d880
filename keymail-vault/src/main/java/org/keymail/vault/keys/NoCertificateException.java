package org.keymail.vault.keys;

import org.keymail.vault.VaultException;

/**
 * A vault key has no certificate yet, so it cannot sign or decrypt mail; install the issued
 * certificate first.
 */
public class NoCertificateException extends VaultException {
  private static final long serialVersionUID = 1L;

  public NoCertificateException(String message) {
    super(message);
  }

  public NoCertificateException(String message, Throwable cause) {
    super(message, cause);
  }
}
