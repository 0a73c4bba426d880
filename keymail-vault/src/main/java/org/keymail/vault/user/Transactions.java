package org.keymail.vault.user;

import java.sql.Connection;
import java.sql.SQLException;
import org.keymail.vault.VaultException;
import org.keymail.vault.store.VaultDatabase;

/** Runs work that may refuse with a {@link VaultException} in one transaction, rolled back then. */
final class Transactions {

  private Transactions() {}

  interface Work<T> {
    T run(Connection connection) throws SQLException, VaultException;
  }

  static <T> T run(VaultDatabase database, Work<T> work) throws SQLException, VaultException {
    try {
      return database.inTransaction(
          c -> {
            try {
              return work.run(c);
            } catch (VaultException e) {
              throw new Refusal(e);
            }
          });
    } catch (Refusal r) {
      throw r.refusal;
    }
  }

  /** Carries a refusal through {@link VaultDatabase#inTransaction}, which rolls back on it. */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient VaultException refusal;

    Refusal(VaultException refusal) {
      super(null, null, false, false);
      this.refusal = refusal;
    }
  }
}
