package org.keymail.vault.protect;

import org.keymail.vault.VaultException;

/**
 * The master key file of {@link FileKeyProtector} cannot be trusted or read: it is readable or
 * writable by other accounts, has the wrong size, or the data directory cannot hold it. The server
 * refuses to start until an administrator fixes it.
 */
public class MasterKeyFileException extends VaultException {
  private static final long serialVersionUID = 1L;

  public MasterKeyFileException(String message) {
    super(message);
  }

  public MasterKeyFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
