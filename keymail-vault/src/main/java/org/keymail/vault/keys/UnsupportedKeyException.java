package org.keymail.vault.keys;

import org.keymail.vault.VaultException;

/**
 * A key of a type or size the vault does not keep (it keeps rsa-2048/3072/4096 and
 * ec-p256/p384/p521).
 */
public class UnsupportedKeyException extends VaultException {
  private static final long serialVersionUID = 1L;

  public UnsupportedKeyException(String message) {
    super(message);
  }

  public UnsupportedKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
