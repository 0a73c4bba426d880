package org.keymail.cli.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.testing.UserSpec;
import org.keymail.testing.FreshSchema;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.audit.AuditOccurrence;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.keys.CertificateInstallation;
import org.keymail.vault.keys.KeyAlgorithm;
import org.keymail.vault.keys.KeyGeneration;
import org.keymail.vault.keys.KeyHandles;
import org.keymail.vault.keys.TestSessions;
import org.keymail.vault.keys.VaultKey;
import org.keymail.vault.keyuse.KeyUseJournal;
import org.keymail.vault.protect.FileKeyProtector;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.store.VaultDatabase;

/**
 * The vault of a keymail server that is not running, as an administrator finds it: a data directory
 * with {@code master.key}, and the vault database either embedded under {@code DATA/vault} (H2) or
 * in a {@link FreshSchema} of the test PostgreSQL server. Keys are made with the vault's own
 * classes and the real audit log, so they carry real audit events.
 */
final class StoppedServerVault {

  private static final TestPki PKI = TestPki.create();
  static final String PG_USER = FreshSchema.user();
  static final String PG_PASSWORD = FreshSchema.password();

  final Path data;
  final String product;
  private final String jdbcUrl;
  final Clock clock = Clock.systemUTC();
  final SecureRandom random = new SecureRandom();
  final TestSessions sessions = new TestSessions(clock);

  private StoppedServerVault(Path data, String product, String jdbcUrl) {
    this.data = data;
    this.product = product;
    this.jdbcUrl = jdbcUrl;
  }

  static StoppedServerVault create(String product) throws IOException {
    Path data = Files.createTempDirectory("keymail-vault-admin-");
    return switch (product) {
      case "H2" -> new StoppedServerVault(data, product, null);
      case "POSTGRESQL" -> new StoppedServerVault(data, product, FreshSchema.create().jdbcUrl());
      default -> throw new IllegalArgumentException(product);
    };
  }

  /** Opens the database as the server would; close it before running a command on it. */
  VaultDatabase open() throws IOException {
    if (jdbcUrl == null) {
      return VaultDatabase.embedded(Files.createDirectories(data.resolve("vault")));
    }
    return VaultDatabase.open(jdbcUrl, PG_USER, PG_PASSWORD);
  }

  /** The {@code keymail vault} options that name this vault. */
  List<String> options() {
    List<String> options = new ArrayList<>(List.of("--data", data.toString()));
    if (jdbcUrl != null) {
      options.addAll(List.of("--jdbc-url", jdbcUrl, "--db-user", PG_USER));
    }
    return options;
  }

  /** The database URL the server uses for this vault, or null for the embedded one. */
  String jdbcUrl() {
    return jdbcUrl;
  }

  /** Keys of two users, RSA and EC, generated under the file KEK as a server would. */
  List<VaultKey> generateKeys() throws Exception {
    try (VaultDatabase database = open()) {
      KeyGeneration keys =
          new KeyGeneration(
              database,
              KeyProtectors.open(database, clock, FileKeyProtector.open(data, random)),
              sessions,
              new AuditLog(database, clock),
              clock,
              random);
      CertificateInstallation installation =
          new CertificateInstallation(database, new AuditLog(database, clock), clock, random);
      UUID alice = user(database, "alice@example.org");
      UUID bob = user(database, "bob@example.org");
      List<VaultKey> made =
          List.of(
              keys.generate(alice, KeyAlgorithm.RSA_2048),
              keys.generate(alice, KeyAlgorithm.EC_P256),
              keys.generate(bob, KeyAlgorithm.EC_P384));
      // A key signs once its certificate is installed, as after `keymail cert install`.
      install(installation, made.get(0), "alice@example.org", KeyType.RSA_2048);
      install(installation, made.get(1), "alice@example.org", KeyType.EC_P256);
      install(installation, made.get(2), "bob@example.org", KeyType.EC_P384);
      return made;
    }
  }

  private static void install(
      CertificateInstallation installation, VaultKey key, String email, KeyType type)
      throws Exception {
    installation.install(
        key.userId(),
        PKI.user(
                UserSpec.email(email)
                    .keyType(type)
                    .keyPair(new KeyPair(key.publicKey(), null))
                    .build())
            .certificate());
  }

  /** The vault's key handles under {@code protectors}, as a server would open them. */
  KeyHandles handles(VaultDatabase database, KeyProtectors protectors) {
    return KeyHandles.builder()
        .database(database)
        .protectors(protectors)
        .sessionGate(sessions)
        .auditTrail(new AuditLog(database, clock))
        .clock(clock)
        .random(random)
        .keyUseJournal(KeyUseJournal.inMemory())
        .build();
  }

  /** Signs with {@code key} through the vault in an unlock session of its owner and checks it. */
  static boolean signsThroughTheVault(KeyHandles keys, TestSessions sessions, VaultKey key)
      throws Exception {
    byte[] message = "keymail".getBytes(StandardCharsets.UTF_8);
    SignatureAlgorithm algorithm = SignatureAlgorithm.defaultFor(key.publicKey());
    byte[] signature =
        keys.keyHandle(sessions.unlock(key.userId()), key.id()).sign(algorithm, message);
    Signature verifier = Signature.getInstance(algorithm.jcaName());
    if (algorithm.parameters() != null) {
      verifier.setParameter(algorithm.parameters());
    }
    verifier.initVerify(key.publicKey());
    verifier.update(message);
    return verifier.verify(signature);
  }

  /** Each stored key's wrapped data key, ciphertext and KEK, by key id. */
  Map<String, String> storedKeys() throws Exception {
    try (VaultDatabase database = open()) {
      return database.inTransaction(
          c -> {
            Map<String, String> rows = new TreeMap<>();
            try (Statement s = c.createStatement();
                var r =
                    s.executeQuery(
                        "SELECT id, wrapped_data_key, key_ciphertext, kek_id FROM vault_keys")) {
              while (r.next()) {
                rows.put(
                    r.getString(1),
                    java.util.HexFormat.of().formatHex(r.getBytes(2))
                        + " "
                        + java.util.HexFormat.of().formatHex(r.getBytes(3))
                        + " "
                        + r.getString(4));
              }
            }
            return rows;
          });
    }
  }

  /** Runs one SQL update on the stopped server's database, as an intruder with access would. */
  int update(String sql) throws Exception {
    try (VaultDatabase database = open()) {
      return database.inTransaction(
          c -> {
            try (Statement s = c.createStatement()) {
              return s.executeUpdate(sql);
            }
          });
    }
  }

  /** Stores {@code count} signatures of one user's key as one counted audit entry, as shipped. */
  void recordCountedSignatures(int count) throws Exception {
    try (VaultDatabase database = open()) {
      java.time.Instant last = clock.instant();
      AuditOccurrence signatures =
          new AuditOccurrence(
              AuditEvent.of(
                  UUID.randomUUID(), "SIGN", "key " + UUID.randomUUID(), AuditResult.SUCCESS),
              last.minusMillis(9),
              last,
              count);
      database.inTransaction(
          c -> {
            new AuditLog(database, clock).recordOccurred(c, List.of(signatures));
            return null;
          });
    }
  }

  /** The audit events' operations, oldest first. */
  List<String> auditOperations() throws Exception {
    try (VaultDatabase database = open()) {
      return database.inTransaction(
          c -> {
            List<String> operations = new ArrayList<>();
            try (Statement s = c.createStatement();
                var r = s.executeQuery("SELECT operation FROM audit_events ORDER BY seq")) {
              while (r.next()) {
                operations.add(r.getString(1));
              }
            }
            return operations;
          });
    }
  }

  /** The server settings that give a server started in the test this vault. */
  Map<String, String> serverSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("keymail.vault.argon2id.memory-kib", "1024");
    settings.put("keymail.vault.argon2id.iterations", "1");
    settings.put("logging.file.name", data.resolve("keymail.log").toString());
    return settings;
  }

  private static UUID user(VaultDatabase database, String email) throws SQLException {
    UUID id = UUID.randomUUID();
    database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO users (id, email, display_name, role, status, user_handle, created_at)"
                      + " VALUES (?, ?, ?, 'USER', 'ACTIVE', ?, ?)")) {
            s.setObject(1, id);
            s.setString(2, email);
            s.setString(3, email.substring(0, email.indexOf('@')));
            s.setBytes(4, id.toString().getBytes(StandardCharsets.US_ASCII));
            s.setTimestamp(5, Timestamp.from(java.time.Instant.now()));
            s.executeUpdate();
          }
          return null;
        });
    return id;
  }
}
