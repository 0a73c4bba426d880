package org.keymail.vault.passkey;

import org.keymail.vault.VaultException;

/**
 * The authenticator presented for registration is not one the organisation accepts (the policy
 * "accepted authenticators" lists others); the message names it by its AAGUID.
 */
public final class AuthenticatorNotAcceptedException extends VaultException {
  private static final long serialVersionUID = 1L;

  public AuthenticatorNotAcceptedException(String message) {
    super(message);
  }
}
