package org.keymail.vault.keys;

import org.keymail.vault.VaultException;

/**
 * A certificate to install does not belong to any of the user's vault keys: its public key matches
 * none of them.
 */
public class CertificateKeyMismatchException extends VaultException {
  private static final long serialVersionUID = 1L;

  public CertificateKeyMismatchException(String message) {
    super(message);
  }

  public CertificateKeyMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
