package org.keymail.vault.session;

import org.keymail.vault.VaultException;

/** There is no open unlock session for this request: the client asks for the PassKey. */
public final class PassKeyNotPresentedException extends VaultException {
  private static final long serialVersionUID = 1L;

  public PassKeyNotPresentedException() {
    super("Present your PassKey to unlock your keys");
  }
}
