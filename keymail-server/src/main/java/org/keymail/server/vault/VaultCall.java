package org.keymail.server.vault;

import java.sql.SQLException;
import org.keymail.vault.VaultException;

/**
 * One call into the vault, whose database failures become {@link VaultUnavailableException}: how
 * the features' adapters call the vault.
 */
@FunctionalInterface
public interface VaultCall<T> {
  T run() throws VaultException, SQLException;

  static <T> T call(VaultCall<T> work) throws VaultException {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new VaultUnavailableException(e);
    }
  }
}
