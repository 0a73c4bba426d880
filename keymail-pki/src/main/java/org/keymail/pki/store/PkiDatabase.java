package org.keymail.pki.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.keymail.smime.KeyUseException;

/**
 * The certificate authority's database: the tables of {@code db/pki} in whatever database the
 * server gives it (the vault's), brought up to date on {@link #migrate}. Every change that must be
 * all-or-nothing, with its audit event, goes through {@link #inTransaction}; reads that need no
 * transaction go through {@link #read}.
 *
 * <p>This is the CA's storage boundary: the work handed to it is JDBC and may throw {@link
 * SQLException}, and whatever the database throws leaves as a {@link StorageUnavailableException},
 * here and nowhere else.
 *
 * <p>Create once per process and share; it holds no connection of its own (the pool belongs to the
 * caller).
 */
public final class PkiDatabase {

  /** Flyway's history table for the CA's migrations, apart from the vault's. */
  public static final String HISTORY_TABLE = "pki_schema_history";

  private final DataSource dataSource;

  private PkiDatabase(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Brings the CA's tables in {@code dataSource} up to date and returns the database.
   *
   * <p>The schema may already hold other tables (the vault's): a missing history table then means
   * "nothing of the CA yet", so every migration runs.
   */
  public static PkiDatabase migrate(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/pki")
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    return new PkiDatabase(dataSource);
  }

  /** The database itself, for wiring (it is the vault's pool); work goes through this class. */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Work done with a connection of the database. Besides {@link SQLException}, which the database
   * turns into {@link StorageUnavailableException}, it may throw one checked exception of its own,
   * such as a refused request, which rolls a transaction back.
   */
  @FunctionalInterface
  public interface TransactionWork<T, X extends Exception> {
    T run(Connection connection) throws SQLException, X;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   *
   * @throws StorageUnavailableException when the database fails
   */
  public <T, X extends Exception> T inTransaction(TransactionWork<T, X> work) throws X {
    return this.<T, X, RuntimeException>transaction(work::run);
  }

  /**
   * Runs {@code work} on one connection without a transaction of its own (each statement commits by
   * itself): for reads.
   *
   * @throws StorageUnavailableException when the database fails
   */
  public <T, X extends Exception> T read(TransactionWork<T, X> work) throws X {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StorageUnavailableException(e);
    }
  }

  /**
   * Work that signs with a CA key inside its transaction (issue, revoke and re-sign the CRL): it
   * may fail because the key holder refuses, besides a refusal of its own.
   */
  @FunctionalInterface
  public interface SigningWork<T, X extends Exception> {
    T run(Connection connection) throws SQLException, KeyUseException, X;
  }

  /** Like {@link #inTransaction}, for work that signs with a CA key. */
  public <T, X extends Exception> T inSigningTransaction(SigningWork<T, X> work)
      throws KeyUseException, X {
    return this.<T, KeyUseException, X>transaction(work::run);
  }

  /** Work that may fail in two ways of its own besides SQL. */
  @FunctionalInterface
  private interface Work<T, X1 extends Exception, X2 extends Exception> {
    T run(Connection connection) throws SQLException, X1, X2;
  }

  private <T, X1 extends Exception, X2 extends Exception> T transaction(Work<T, X1, X2> work)
      throws X1, X2 {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (Exception e) {
        connection.rollback(); // then rethrow whatever it was: SQLException, X1, X2, or unchecked
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StorageUnavailableException(e);
    }
  }
}
