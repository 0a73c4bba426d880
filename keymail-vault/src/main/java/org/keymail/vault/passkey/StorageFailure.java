package org.keymail.vault.passkey;

import java.sql.SQLException;

/**
 * The database failed while Yubico's library was asking for credentials; its callback interface
 * cannot throw {@link SQLException}, so the failure travels unchecked and is not caught on the way.
 */
final class StorageFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StorageFailure(SQLException cause) {
    super("the vault database failed: " + cause.getMessage(), cause);
  }
}
