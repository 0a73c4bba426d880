package org.keymail.vault.protect;

import java.sql.Connection;
import java.sql.SQLException;
import org.keymail.vault.VaultException;
import org.keymail.vault.store.VaultDatabase;

/** {@link VaultDatabase#inTransaction} for work that may also fail with a {@link VaultException}. */
final class Transaction {

  private Transaction() {}

  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException, VaultException;
  }

  static <T> T run(VaultDatabase database, Work<T> work) throws SQLException, VaultException {
    try {
      return database.inTransaction(
          connection -> {
            try {
              return work.run(connection);
            } catch (VaultException e) {
              throw new Carrier(e);
            }
          });
    } catch (Carrier carrier) {
      throw carrier.failure;
    }
  }

  /** Carries a vault failure out through {@code inTransaction}, which rolls back on it. */
  private static final class Carrier extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient VaultException failure;

    Carrier(VaultException failure) {
      super(null, null, false, false);
      this.failure = failure;
    }
  }
}
