package org.keymail.vault.keys;

import org.keymail.vault.VaultException;

/** A key deletion was asked for without a reason; the audit log needs one. */
public final class DeletionReasonException extends VaultException {
  private static final long serialVersionUID = 1L;

  public DeletionReasonException(String message) {
    super(message);
  }
}
