package org.keymail.pki.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh, empty databases for the CA's tests (and the server's, through the published test-jar): an
 * in-memory H2 database, or a new schema in the PostgreSQL server named by {@code
 * KEYMAIL_TEST_PG_URL} (default {@code jdbc:postgresql://localhost:5432/keymail}, user and password
 * {@code KEYMAIL_TEST_PG_USER} / {@code KEYMAIL_TEST_PG_PASSWORD}, default keymail/keymail), as the
 * vault's {@code TestDatabases} does. {@code ./run-tests} starts that server; a test that cannot
 * reach it fails with a message saying so, it is never skipped.
 *
 * <p>The data sources are not migrated: {@link PkiDatabase#migrate} does that.
 */
public final class PkiTestDatabases {

  private PkiTestDatabases() {}

  /** A new, empty H2 database in memory, kept until the JVM ends. */
  public static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:pki-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    h2.setUser("keymail");
    h2.setPassword("");
    return h2;
  }

  /** A new, empty schema in the test PostgreSQL server. */
  public static DataSource postgresql() {
    String schema = "pki_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    String url = env("KEYMAIL_TEST_PG_URL", "jdbc:postgresql://localhost:5432/keymail");
    String user = env("KEYMAIL_TEST_PG_USER", "keymail");
    String password = env("KEYMAIL_TEST_PG_PASSWORD", "keymail");
    try (Connection c = DriverManager.getConnection(url, user, password);
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
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    pg.setUser(user);
    pg.setPassword(password);
    return pg;
  }

  /** By product name, for parameterised tests: "H2" or "POSTGRESQL". */
  public static DataSource open(String product) {
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
