package org.keymail.vault.keys;

import org.keymail.vault.VaultException;

/** The certificate is already in the user's vault. */
public class DuplicateCertificateException extends VaultException {
  private static final long serialVersionUID = 1L;

  public DuplicateCertificateException(String message) {
    super(message);
  }

  public DuplicateCertificateException(String message, Throwable cause) {
    super(message, cause);
  }
}
