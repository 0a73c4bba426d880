package org.keymail.vault.store;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The databases the vault's tests run on: a fresh H2 file database, and a fresh schema in the
 * PostgreSQL server named by {@code KEYMAIL_TEST_PG_URL} (default {@code
 * jdbc:postgresql://localhost:5432/keymail}, user/password {@code KEYMAIL_TEST_PG_USER} / {@code
 * KEYMAIL_TEST_PG_PASSWORD}, default keymail/keymail). {@code ./run-tests} starts that server; a
 * test that cannot reach it fails, it is not skipped.
 */
public final class TestDatabases {

  private TestDatabases() {}

  /** A new, empty, migrated H2 database in a temporary folder. */
  public static VaultDatabase h2() {
    try {
      return VaultDatabase.embedded(Files.createTempDirectory("keymail-h2-"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A new, empty, migrated schema in the test PostgreSQL server. */
  public static VaultDatabase postgresql() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    String url = env("KEYMAIL_TEST_PG_URL", "jdbc:postgresql://localhost:5432/keymail");
    String user = env("KEYMAIL_TEST_PG_USER", "keymail");
    String password = env("KEYMAIL_TEST_PG_PASSWORD", "keymail");
    try (Connection c = java.sql.DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL for the tests is not reachable at "
              + url
              + " (./run-tests starts it; or set KEYMAIL_TEST_PG_URL): "
              + e.getMessage(),
          e);
    }
    return VaultDatabase.open(
        url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
  }

  /** By product name, for parameterised tests: "H2" or "POSTGRESQL". */
  public static VaultDatabase open(String product) {
    return switch (product) {
      case "H2" -> h2();
      case "POSTGRESQL" -> postgresql();
      default -> throw new IllegalArgumentException(product);
    };
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
