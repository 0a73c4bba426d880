package org.keymail.vault.policy;

import org.keymail.vault.VaultException;

/** A policy name keymail does not know; the message lists the ones it does. */
public class UnknownPolicyException extends VaultException {
  private static final long serialVersionUID = 1L;

  public UnknownPolicyException(String message) {
    super(message);
  }
}
