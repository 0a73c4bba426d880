package org.keymail.vault.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.keymail.pki.store.StorageUnavailableException;

/**
 * The vault's database: a connection pool over H2 (embedded default) or PostgreSQL (production),
 * with the schema brought up to date by Flyway on open. Every write that must be all-or-nothing
 * goes through {@link #inTransaction}, and so does every read: it is where a failure of the
 * database becomes a {@link StorageUnavailableException}.
 *
 * <p>Open once per process and share; close on shutdown.
 */
public final class VaultDatabase implements AutoCloseable {

  /** The database products keymail's schema runs on. */
  public enum Product {
    H2,
    POSTGRESQL
  }

  /**
   * Connections when none is configured: key uses share one group-committed transaction, so the
   * pool serves mostly session loads, key loads and administrative work; 16 or four per core.
   */
  public static final int DEFAULT_POOL_SIZE =
      Math.max(16, 4 * Runtime.getRuntime().availableProcessors());

  private final HikariDataSource dataSource;
  private final Product product;

  /** The connection of the transaction this thread is in, if any. */
  private final ThreadLocal<Connection> current = new ThreadLocal<>();

  private VaultDatabase(HikariDataSource dataSource, Product product) {
    this.dataSource = dataSource;
    this.product = product;
  }

  /**
   * Opens the database at {@code jdbcUrl} ({@code jdbc:h2:file:…} or {@code jdbc:postgresql://…})
   * and migrates its schema.
   */
  public static VaultDatabase open(String jdbcUrl, String user, String password) {
    return open(jdbcUrl, user, password, DEFAULT_POOL_SIZE);
  }

  /** As {@link #open(String, String, String)}, with at most {@code poolSize} connections. */
  public static VaultDatabase open(String jdbcUrl, String user, String password, int poolSize) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (poolSize < 2) {
      throw new IllegalArgumentException(
          "the vault needs a pool of at least 2 database connections, not " + poolSize);
    }
    Product product;
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      product = Product.H2;
    } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      product = Product.POSTGRESQL;
    } else {
      throw new IllegalArgumentException(
          "keymail's vault runs on H2 or PostgreSQL, not on " + jdbcUrl);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("keymail-vault");
    config.setAutoCommit(true);
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      // Flyway reports every failure unchecked: close the pool whatever it was, then pass it on.
      dataSource.close();
      throw e;
    }
    return new VaultDatabase(dataSource, product);
  }

  /** Opens (creating if needed) the embedded H2 database in {@code directory}. */
  public static VaultDatabase embedded(java.nio.file.Path directory) {
    return embedded(directory, DEFAULT_POOL_SIZE);
  }

  /**
   * As {@link #embedded(java.nio.file.Path)}, with at most {@code poolSize} connections. The
   * database's password is generated on its first start and kept beside it in {@code db.password}
   * (mode 0600), like the master key; a database made before keymail set passwords gets one at its
   * next start.
   */
  public static VaultDatabase embedded(java.nio.file.Path directory, int poolSize) {
    String url = embeddedUrl(directory);
    return open(url, EMBEDDED_USER, EmbeddedPassword.of(directory, url, EMBEDDED_USER), poolSize);
  }

  /**
   * The JDBC URL of the embedded database in {@code directory}. H2 writes no trace file beside it:
   * such a file would be made with the process's umask, not private like the rest of the data
   * folder, and H2 also writes into it what it notices of other databases in the same process (a
   * connection left to the garbage collector). Errors reach keymail as exceptions and its own log.
   */
  public static String embeddedUrl(java.nio.file.Path directory) {
    return "jdbc:h2:file:"
        + directory.toAbsolutePath().resolve("vault")
        + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0";
  }

  /** The password of the embedded database in {@code directory}, for keymail's own tools. */
  public static String embeddedPassword(java.nio.file.Path directory) {
    return EmbeddedPassword.of(directory, embeddedUrl(directory), EMBEDDED_USER);
  }

  /** The user of the embedded database. */
  public static final String EMBEDDED_USER = "keymail";

  /**
   * The pool itself, for wiring (the certificate authority's {@code PkiDatabase} runs on it); the
   * vault's own work goes through {@link #inTransaction}.
   */
  public DataSource dataSource() {
    return dataSource;
  }

  public Product product() {
    return product;
  }

  /**
   * The version of the newest migration Flyway applied to this database (empty on a database it
   * never migrated), read from Flyway's history table, for the administrators' system page.
   */
  public Optional<String> schemaVersion() {
    MigrationInfo current =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .info()
            .current();
    return current == null || current.getVersion() == null
        ? Optional.empty()
        : Optional.of(current.getVersion().getVersion());
  }

  /**
   * Work done inside one transaction. Besides {@link SQLException}, which {@link #inTransaction}
   * turns into {@link StorageUnavailableException}, it may throw one checked exception of its own,
   * such as a vault refusal, which rolls the transaction back like any other.
   */
  @FunctionalInterface
  public interface TransactionWork<T, X extends Exception> {
    T run(Connection connection) throws SQLException, X;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   * This is the vault's storage boundary: whatever the database throws leaves here, and only here,
   * as a {@link StorageUnavailableException}.
   *
   * <p>Called again from inside {@code work} (a policy read during a session check, the WebAuthn
   * library asking for credentials during a ceremony), the inner work joins the outer transaction
   * on its connection and is committed or rolled back with it. A second connection for it would
   * deadlock the pool: with as many requests at once as connections, each would hold one and wait
   * for another.
   *
   * @throws StorageUnavailableException when the database fails
   */
  public <T, X extends Exception> T inTransaction(TransactionWork<T, X> work) throws X {
    Connection joined = current.get();
    if (joined != null) {
      try {
        return work.run(joined);
      } catch (SQLException e) {
        throw new StorageUnavailableException(e);
      }
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      current.set(connection);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (Exception e) {
        connection.rollback(); // then rethrow whatever it was: SQLException, X, or unchecked
        throw e;
      } finally {
        current.remove();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StorageUnavailableException(e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
