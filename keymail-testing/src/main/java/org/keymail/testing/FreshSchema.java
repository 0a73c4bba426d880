package org.keymail.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A new, empty schema in the PostgreSQL server the tests use, named by {@code KEYMAIL_TEST_PG_URL}
 * (default {@code jdbc:postgresql://localhost:5432/keymail}; user and password {@code
 * KEYMAIL_TEST_PG_USER} / {@code KEYMAIL_TEST_PG_PASSWORD}, default keymail/keymail). {@code
 * ./run-tests} starts that server; a test that cannot reach it fails with a message saying so, it
 * is never skipped.
 *
 * <p>Lifecycle: {@link #create} makes the schema; {@link #drop} removes it with all it holds. A
 * schema not dropped by its test is dropped when the test JVM ends, so that the server does not
 * fill up with old tests' schemas (and a server or pool on it may live as long as its test).
 */
public final class FreshSchema {

  private static final Set<String> UNDROPPED = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(FreshSchema::dropUndropped));
  }

  private final String name;

  private FreshSchema(String name) {
    this.name = name;
  }

  /** Makes a new, empty schema. */
  public static FreshSchema create() {
    String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute("CREATE SCHEMA " + name);
    UNDROPPED.add(name);
    return new FreshSchema(name);
  }

  /** The schema's name. */
  public String name() {
    return name;
  }

  /** The JDBC URL that opens connections on this schema. */
  public String jdbcUrl() {
    String url = serverUrl();
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
  }

  /** A data source on this schema (no pool). */
  public DataSource dataSource() {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(jdbcUrl());
    pg.setUser(user());
    pg.setPassword(password());
    return pg;
  }

  /** The test server's user, the same for every schema. */
  public static String user() {
    return env("KEYMAIL_TEST_PG_USER", "keymail");
  }

  /** The test server user's password. */
  public static String password() {
    return env("KEYMAIL_TEST_PG_PASSWORD", "keymail");
  }

  /** Drops the schema and everything in it. Connections on it must be closed first. */
  public void drop() {
    execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    UNDROPPED.remove(name);
  }

  private static String serverUrl() {
    return env("KEYMAIL_TEST_PG_URL", "jdbc:postgresql://localhost:5432/keymail");
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(serverUrl(), user(), password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL for the tests is not reachable at "
              + serverUrl()
              + " (./run-tests starts it; or set KEYMAIL_TEST_PG_URL): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * At the JVM's end: a connection still open on a schema holds no lock outside a transaction, and
   * one in a transaction makes the drop wait at most the lock timeout; a schema that stays is named
   * on standard error.
   */
  private static void dropUndropped() {
    if (UNDROPPED.isEmpty()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(serverUrl(), user(), password());
        Statement s = c.createStatement()) {
      s.execute("SET lock_timeout = '5s'");
      for (String name : UNDROPPED) {
        try {
          s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (SQLException e) {
          System.err.println("test schema " + name + " not dropped: " + e.getMessage());
        }
      }
    } catch (SQLException e) {
      System.err.println("test schemas " + UNDROPPED + " not dropped: " + e.getMessage());
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
