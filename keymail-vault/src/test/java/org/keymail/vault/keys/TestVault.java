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
import org.keymail.smime.keys.Pkcs12Reader;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.PemFiles;
import org.keymail.testing.MovableClock;
import org.keymail.vault.VaultException;
import org.keymail.vault.keyuse.KeyUseJournal;
import org.keymail.vault.protect.FileKeyProtector;
import org.keymail.vault.protect.KeyProtector;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.store.TestDatabases;
import org.keymail.vault.store.VaultDatabase;

/**
 * A whole key store for tests: a fresh database (H2 or PostgreSQL), a file KEK in a temporary data
 * directory, the test clock, test sessions, the plain audit trail, and every part of the vault's
 * key handling on them.
 */
public final class TestVault implements AutoCloseable {

  public final VaultDatabase database;
  public final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T09:00:00Z"));
  public final SecureRandom random = new SecureRandom();
  public final TestSessions sessions = new TestSessions(clock);
  public final TestAuditTrail audit = new TestAuditTrail(clock);
  public final Path dataDir;

  /** The password of the PKCS#12 files {@link #importP12} writes. */
  private static final String P12_PASSWORD = "correct horse";

  public final KeyProtector kek;
  public final KeyProtectors protectors;
  public final KeyHandles handles;
  public final KeyGeneration generation;
  public final Pkcs12Import pkcs12;
  public final CertificateInstallation installation;
  public final Keyring keyring;
  public final KeyDeletion deletion;
  public final KeyIntegrity integrity;

  private TestVault(
      VaultDatabase database, Path dataDir, KeyProtector kek, List<KeyProtector> others) {
    this.database = database;
    this.dataDir = dataDir;
    this.kek = kek;
    this.protectors = KeyProtectors.open(database, clock, kek, others);
    this.handles = handlesWith(protectors);
    this.generation = new KeyGeneration(database, protectors, sessions, audit, clock, random);
    this.pkcs12 =
        new Pkcs12Import(
            database,
            protectors,
            audit,
            clock,
            random,
            new Pkcs12Reader(Pkcs12Reader.DEFAULT_MAX_ITERATIONS));
    this.installation = new CertificateInstallation(database, audit, clock, random);
    this.keyring = new Keyring(database, audit, clock, handles);
    this.deletion = new KeyDeletion(database, audit, clock, handles);
    this.integrity = new KeyIntegrity(database, protectors, random);
  }

  /** A vault on a fresh {@code product} database ("H2" or "POSTGRESQL") with a new file KEK. */
  public static TestVault open(String product) throws VaultException, SQLException {
    Path dataDir = temporaryDirectory();
    VaultDatabase database = TestDatabases.open(product);
    return new TestVault(
        database, dataDir, FileKeyProtector.open(dataDir, new SecureRandom()), List.of());
  }

  /** A vault on a fresh {@code product} database whose current KEK is {@code kek}. */
  public static TestVault open(String product, KeyProtector kek) {
    return new TestVault(TestDatabases.open(product), temporaryDirectory(), kek, List.of());
  }

  /** Key handles on this vault's database with other KEKs, journaling key uses in memory. */
  public KeyHandles handlesWith(KeyProtectors protectors) {
    return KeyHandles.builder()
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
    handles.shipKeyUses();
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

  /** Imports {@code identity} (key, certificate and chain) for {@code user} from a PKCS#12 file. */
  public ImportedKeys importP12(UUID user, Identity identity) throws Exception {
    Path p12 =
        PemFiles.writeP12(
            Files.createTempFile(dataDir, "id", ".p12"), identity, P12_PASSWORD.toCharArray());
    try (var in = Files.newInputStream(p12)) {
      return pkcs12.importPkcs12(user, in, P12_PASSWORD.toCharArray());
    }
  }

  /** Asserts that the vault holds no key, no certificate and no audit event. */
  public void assertNothingStored() throws SQLException {
    org.assertj.core.api.Assertions.assertThat(count("vault_keys")).isZero();
    org.assertj.core.api.Assertions.assertThat(count("certificates")).isZero();
    org.assertj.core.api.Assertions.assertThat(count("audit_events")).isZero();
  }

  @Override
  public void close() {
    handles.close();
    database.close();
  }
}
