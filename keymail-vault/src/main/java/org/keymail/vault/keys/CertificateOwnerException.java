package org.keymail.vault.keys;

import org.keymail.vault.VaultException;

/** A certificate names someone else's address: it cannot go into this user's vault. */
public final class CertificateOwnerException extends VaultException {
  private static final long serialVersionUID = 1L;

  public CertificateOwnerException(String message) {
    super(message);
  }
}
