package org.keymail.vault.accesscode;

import org.keymail.vault.VaultException;

/** A new access code was refused because it is shorter than the policy allows. */
public final class AccessCodeTooShortException extends VaultException {
  private static final long serialVersionUID = 1L;

  public AccessCodeTooShortException(int minimumLength) {
    super("An access code needs at least " + minimumLength + " characters");
  }
}
