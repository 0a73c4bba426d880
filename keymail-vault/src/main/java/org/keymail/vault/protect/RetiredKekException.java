package org.keymail.vault.protect;

import org.keymail.vault.VaultException;

/**
 * The server was started with a key-encryption key that a rotation retired, typically with the
 * settings from before {@code keymail vault rotate-kek}. The vault refuses to start rather than
 * make that KEK current again and wrap new keys under it; the message names the retired KEK, when
 * it was retired and which KEK to configure instead.
 */
public class RetiredKekException extends VaultException {
  private static final long serialVersionUID = 1L;

  public RetiredKekException(String message) {
    super(message);
  }
}
