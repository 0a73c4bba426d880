package org.keymail.vault;

/**
 * Base of every failure of the vault that a user or client can act on. Each subclass names one
 * kind; its message is written for the person at the keyboard and never contains a secret.
 */
public abstract class VaultException extends Exception {
  private static final long serialVersionUID = 1L;

  protected VaultException(String message) {
    super(message);
  }

  protected VaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
