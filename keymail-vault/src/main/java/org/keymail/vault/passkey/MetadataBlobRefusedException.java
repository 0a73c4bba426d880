package org.keymail.vault.passkey;

import org.keymail.vault.VaultException;

/**
 * The FIDO Metadata Service BLOB an administrator uploaded is not kept: it is not a BLOB, its
 * signature does not chain to the MDS root, or it is past its {@code nextUpdate}. The message says
 * which, in a sentence the console shows as it is.
 */
public final class MetadataBlobRefusedException extends VaultException {
  private static final long serialVersionUID = 1L;

  public MetadataBlobRefusedException(String message) {
    super(message);
  }

  public MetadataBlobRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
