package org.keymail.vault.session;

import org.keymail.vault.VaultException;

/** The unlock session lapsed while idle: the client asks for the access code again. */
public final class AccessCodeNeededException extends VaultException {
  private static final long serialVersionUID = 1L;

  public AccessCodeNeededException() {
    super("Your keys locked after a while without use: enter your access code");
  }
}
