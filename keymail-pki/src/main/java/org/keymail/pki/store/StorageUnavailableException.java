package org.keymail.pki.store;

import java.sql.SQLException;
import java.util.Objects;

/**
 * keymail's database failed: it did not answer, refused the connection or the statement, or lost
 * the transaction. Nothing the user did is wrong, and nothing of the change was kept (a failed
 * transaction is rolled back). The one storage failure of keymail-pki and keymail-vault: their
 * database classes ({@link PkiDatabase}, the vault's {@code VaultDatabase}) turn every {@link
 * SQLException} into it where they hand out a connection, so no public method above them declares
 * {@code SQLException}.
 *
 * <p>Its message is a fixed sentence fit to show anyone; what the database said is in the cause,
 * for the log only.
 */
public final class StorageUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The sentence every storage failure carries. */
  public static final String MESSAGE =
      "The database is not reachable right now; try again in a moment.";

  public StorageUnavailableException(SQLException cause) {
    super(MESSAGE, Objects.requireNonNull(cause, "cause"));
  }
}
