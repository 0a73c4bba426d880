package org.keymail.vault.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.keymail.vault.VaultException;
import org.keymail.vault.keyuse.KeyUseJournal;
import org.keymail.vault.protect.FileKeyProtector;
import org.keymail.vault.protect.KeyProtector;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.store.MutableClock;
import org.keymail.vault.store.TestDatabases;
import org.keymail.vault.store.VaultDatabase;

/**
 * A whole key store for tests: a fresh database (H2 or PostgreSQL), a file KEK in a temporary data
 * directory, the test clock, test sessions and the plain audit trail.
 */
public final class TestVault implements AutoCloseable {

  public final VaultDatabase database;
  public final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T09:00:00Z"));
  public final SecureRandom random = new SecureRandom();
  public final TestSessions sessions = new TestSessions(clock);
  public final TestAuditTrail audit = new TestAuditTrail(clock);
  public final Path dataDir;
  public final KeyProtector kek;
  public final ProtectedKeys keys;

  private TestVault(
      VaultDatabase database, Path dataDir, KeyProtector kek, List<KeyProtector> others)
      throws SQLException {
    this.database = database;
    this.dataDir = dataDir;
    this.kek = kek;
    this.keys = keysWith(KeyProtectors.open(database, clock, kek, others));
  }

  /** A vault on a fresh {@code product} database ("H2" or "POSTGRESQL") with a new file KEK. */
  public static TestVault open(String product) throws VaultException, SQLException {
    Path dataDir = temporaryDirectory();
    VaultDatabase database = TestDatabases.open(product);
    return new TestVault(
        database, dataDir, FileKeyProtector.open(dataDir, new SecureRandom()), List.of());
  }

  /** A vault on a fresh {@code product} database whose current KEK is {@code kek}. */
  public static TestVault open(String product, KeyProtector kek) throws SQLException {
    return new TestVault(TestDatabases.open(product), temporaryDirectory(), kek, List.of());
  }

  /** A key store on this vault's database with other KEKs, journaling key uses in memory. */
  public ProtectedKeys keysWith(KeyProtectors protectors) throws SQLException {
    return ProtectedKeys.builder()
        .database(database)
        .protectors(protectors)
        .sessionGate(sessions)
        .auditTrail(audit)
        .clock(clock)
        .random(random)
        .keyUseJournal(KeyUseJournal.inMemory())
        .build();
  }

  /**
   * The audit events so far, as "OPERATION RESULT object", oldest first, once this vault's key uses
   * are shipped from its journal.
   */
  public List<String> auditEvents() throws SQLException {
    keys.shipKeyUses();
    return TestAuditTrail.events(database);
  }

  /** Creates an active user and returns their id. */
  public UUID user(String email) throws SQLException {
    return user(email, "USER");
  }

  /** Creates an active administrator and returns their id. */
  public UUID administrator(String email) throws SQLException {
    return user(email, "ADMIN");
  }

  private UUID user(String email, String role) throws SQLException {
    UUID id = UUID.randomUUID();
    database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO users (id, email, display_name, role, status, user_handle, created_at)"
                      + " VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?)")) {
            s.setObject(1, id);
            s.setString(2, email);
            s.setString(3, email.substring(0, email.indexOf('@')));
            s.setString(4, role);
            s.setBytes(5, (id.toString()).getBytes(StandardCharsets.US_ASCII));
            s.setTimestamp(6, Timestamp.from(clock.instant()));
            s.executeUpdate();
          }
          return null;
        });
    return id;
  }

  /** A count of rows, e.g. {@code count("vault_keys")}. */
  public long count(String table) throws SQLException {
    return database.inTransaction(
        c -> {
          try (var s = c.createStatement();
              var r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
          }
        });
  }

  static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("keymail-data-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    keys.close();
    database.close();
  }
}
