package org.keymail.pki.store;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.keymail.testing.FreshSchema;

/**
 * Fresh, empty databases for the CA's tests (and the server's, through the published test-jar): an
 * in-memory H2 database, or a {@link FreshSchema} in the test PostgreSQL server.
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
    return FreshSchema.create().dataSource();
  }

  /** By product name, for parameterised tests: "H2" or "POSTGRESQL". */
  public static DataSource open(String product) {
    return switch (product) {
      case "H2" -> h2();
      case "POSTGRESQL" -> postgresql();
      default -> throw new IllegalArgumentException(product);
    };
  }
}
