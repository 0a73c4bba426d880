package org.keymail.vault.policy;

import org.keymail.vault.VaultException;

/** A policy value that is not a number, is outside the policy's bounds, or contradicts another. */
public class PolicyValueException extends VaultException {
  private static final long serialVersionUID = 1L;

  public PolicyValueException(String message) {
    super(message);
  }
}
