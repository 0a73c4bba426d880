package org.keymail.vault.store;

import java.nio.file.Files;
import org.keymail.testing.FreshSchema;

/**
 * The databases the vault's tests run on, migrated: a fresh H2 file database, and a {@link
 * FreshSchema} in the test PostgreSQL server.
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
    return VaultDatabase.open(
        FreshSchema.create().jdbcUrl(), FreshSchema.user(), FreshSchema.password());
  }

  /** By product name, for parameterised tests: "H2" or "POSTGRESQL". */
  public static VaultDatabase open(String product) {
    return switch (product) {
      case "H2" -> h2();
      case "POSTGRESQL" -> postgresql();
      default -> throw new IllegalArgumentException(product);
    };
  }
}
