package org.keymail.bench.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.keymail.vault.store.VaultDatabase;

/**
 * The database one benchmark run's vault lives in: a new H2 file database in a temporary folder
 * (the server's embedded default), or a new schema in the PostgreSQL server at {@code
 * KEYMAIL_BENCH_PG_URL} (default {@code jdbc:postgresql://localhost:5432/keymail}, user and
 * password keymail/keymail), dropped again on {@link #close()}.
 */
final class BenchDatabase implements AutoCloseable {

  private final VaultDatabase database;
  private final String pgUrl;
  private final String pgSchema;

  private BenchDatabase(VaultDatabase database, String pgUrl, String pgSchema) {
    this.database = database;
    this.pgUrl = pgUrl;
    this.pgSchema = pgSchema;
  }

  /** A new, migrated vault database of {@code product}. */
  static BenchDatabase open(VaultDatabase.Product product) throws SQLException {
    return switch (product) {
      case H2 -> new BenchDatabase(VaultDatabase.embedded(temporaryFolder()), null, null);
      case POSTGRESQL -> {
        String url = env("KEYMAIL_BENCH_PG_URL", "jdbc:postgresql://localhost:5432/keymail");
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(url, "CREATE SCHEMA " + schema);
        VaultDatabase database =
            VaultDatabase.open(
                url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                user(),
                password());
        yield new BenchDatabase(database, url, schema);
      }
    };
  }

  VaultDatabase database() {
    return database;
  }

  @Override
  public void close() throws SQLException {
    database.close();
    if (pgSchema != null) {
      execute(pgUrl, "DROP SCHEMA " + pgSchema + " CASCADE");
    }
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user(), password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new SQLException(
          "PostgreSQL for the benchmark is not reachable at "
              + url
              + " (bench/vault-throughput starts it; or set KEYMAIL_BENCH_PG_URL): "
              + e.getMessage(),
          e);
    }
  }

  private static String user() {
    return env("KEYMAIL_BENCH_PG_USER", "keymail");
  }

  private static String password() {
    return env("KEYMAIL_BENCH_PG_PASSWORD", "keymail");
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("keymail-bench-h2-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
