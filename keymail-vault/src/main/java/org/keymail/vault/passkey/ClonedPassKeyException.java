package org.keymail.vault.passkey;

import org.keymail.vault.VaultException;

/** The PassKey's signature counter did not increase */
public final class ClonedPassKeyException extends VaultException {
  private static final long serialVersionUID = 1L;

  public ClonedPassKeyException(String message) {
    super(message);
  }
}
