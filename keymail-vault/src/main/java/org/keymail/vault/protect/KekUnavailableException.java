package org.keymail.vault.protect;

import org.keymail.vault.VaultException;

/**
 * The key-encryption key cannot be used: the HSM is unreachable or refused the operation, or the
 * KEK a stored key names is not configured on this server.
 */
public class KekUnavailableException extends VaultException {
  private static final long serialVersionUID = 1L;

  public KekUnavailableException(String message) {
    super(message);
  }

  public KekUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
