package org.keymail.vault.protect;

import org.keymail.vault.VaultException;

/**
 * A stored key or wrapped data key does not decrypt: it was changed, or it was moved to another row
 * or owner. The vault fails closed; an administrator restores the row from a backup.
 */
public class TamperedKeyException extends VaultException {
  private static final long serialVersionUID = 1L;

  public TamperedKeyException(String message) {
    super(message);
  }

  public TamperedKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
