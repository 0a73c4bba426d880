package org.keymail.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;
import org.keymail.testing.ChildJvm;
import org.keymail.testing.RunningProcess;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.keyuse.KeyUseAudit;
import org.keymail.vault.keyuse.KeyUseJournal;
import org.keymail.vault.protect.FileKeyProtector;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.session.SessionId;
import org.keymail.vault.session.SessionToken;
import org.keymail.vault.store.VaultDatabase;

/**
 * A vault process killed (SIGKILL) while it signs loses no key use's audit event: every signature
 * it returned is in the hash-chained audit log once the vault has started again and shipped its
 * key-use journal, the chain is unbroken, the node's mark stands where the journal ends, and a
 * further start ships nothing twice. The journal on disk holds neither the private key nor the
 * session token.
 *
 * <p>The child ({@link KeyUseCrashChild}) signs in an endless loop and writes each signature's
 * number to a progress file after it returned, so the kill lands in the middle of signing and of
 * shipping. At most one more signature than the last written may be in the log: journaled, but
 * killed before its number was written. The child stores its journal once on the way, so that the
 * restart finds the node's mark in the middle of the journal rather than at its start. On H2 the
 * kill may also undo the commits of the shipments after that one (H2 writes commits to its file
 * within its write delay); the journal still holds their key uses.
 */
class KeyUseCrashIT {

  private static final TestPki PKI = TestPki.create();
  private static final String P12_PASSWORD = "crash test";
  private static final int SHIPPED_AT = 300;
  private static final int SIGNED_BEFORE_KILL = 1_000;

  @TempDir Path files;

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void vaultKilledWhileSigningLosesNoKeyUseAndShipsEachOnce(String product) throws Exception {
    Identity identity = PKI.user("alice@example.org", KeyType.EC_P256);
    Path p12 = PemFiles.writeP12(files.resolve("alice.p12"), identity, P12_PASSWORD.toCharArray());
    Target target;
    UUID alice;
    try (TestVault vault = TestVault.open(product)) {
      alice = vault.user("alice@example.org");
      target = Target.of(vault);
    }
    Path journalDir = target.dataDir().resolve(KeyUseCrashChild.JOURNAL);
    Path progress = files.resolve("signed");

    List<String> output;
    try (RunningProcess child =
        ChildJvm.of(
                KeyUseCrashChild.class,
                target.url(),
                target.user(),
                target.password(),
                target.dataDir().toString(),
                alice.toString(),
                p12.toString(),
                P12_PASSWORD,
                progress.toString(),
                String.valueOf(SHIPPED_AT))
            .start()) {
      child.awaitLine("shipped");
      child.awaitLine("signed " + SIGNED_BEFORE_KILL);
      assertThat(child.kill()).as("killed by SIGKILL").isEqualTo(137);
      output = child.lines();
    }
    long signed = lastSigned(progress);
    SessionToken token = SessionToken.parse(valueOf(output, "token "));
    assertThat(signed).isGreaterThanOrEqualTo(SIGNED_BEFORE_KILL);

    journalHoldsNoKeyMaterial(journalDir, identity, token);

    long stored;
    long journaled;
    try (VaultDatabase database = target.open()) {
      KeyUseJournal journal = KeyUseJournal.open(journalDir);
      assertThat(signatures(database))
          .as("signatures stored before the kill")
          .isBetween((long) SHIPPED_AT, signed + 1);
      assertThat(mark(database, journal.nodeId()))
          .as("the node's mark at the kill")
          .isPositive()
          .isLessThanOrEqualTo(journal.written());
      try (KeyHandles keys = keys(database, target, journal)) {
        keys.shipKeyUses();

        stored = signatures(database);
        journaled = journal.written();
        assertThat(stored).as("signatures in the audit log").isBetween(signed, signed + 1);
        assertThat(records(journal)).as("key uses in the journal").isEqualTo(stored);
        assertThat(TestAuditTrail.events(database))
            .allMatch(e -> e.startsWith("IMPORT SUCCESS") || e.startsWith("SIGN SUCCESS"));
        assertThat(new AuditLog(database, Clock.systemUTC()).verify()).isEmpty();
        assertThat(mark(database, journal.nodeId())).isEqualTo(journaled);
      }
    }

    try (VaultDatabase database = target.open()) {
      KeyUseJournal journal = KeyUseJournal.open(journalDir);
      try (KeyHandles keys = keys(database, target, journal)) {
        keys.shipKeyUses();

        assertThat(signatures(database)).as("signatures after a further start").isEqualTo(stored);
        assertThat(journal.written()).isEqualTo(journaled);
        assertThat(mark(database, journal.nodeId())).isEqualTo(journaled);
        assertThat(new AuditLog(database, Clock.systemUTC()).verify()).isEmpty();
      }
    }
    deleteJournal(journalDir);
  }

  /**
   * The journal's files hold the session's id (the SHA-256 of its token), which shows the scan
   * reads what the journal wrote, but not the token itself nor the private key, in its PKCS#8
   * encoding or as the bare EC scalar.
   */
  private static void journalHoldsNoKeyMaterial(Path dir, Identity identity, SessionToken token)
      throws IOException {
    List<Path> segments;
    try (Stream<Path> list = Files.list(dir)) {
      segments =
          list.filter(f -> f.getFileName().toString().matches("keyuse-\\d{16}\\.journal")).toList();
    }
    assertThat(segments).as("journal segments in " + dir).isNotEmpty();
    byte[] pkcs8 = identity.privateKey().getEncoded();
    byte[] scalar = unsigned(((ECPrivateKey) identity.privateKey()).getS(), 32);
    byte[] sessionId = SessionId.of(token).hash();
    boolean sessionIdSeen = false;
    for (Path segment : segments) {
      byte[] bytes = Files.readAllBytes(segment);
      assertThat(contains(bytes, pkcs8)).as("PKCS#8 private key in " + segment).isFalse();
      assertThat(contains(bytes, scalar)).as("private EC scalar in " + segment).isFalse();
      assertThat(contains(bytes, token.bytes())).as("session token in " + segment).isFalse();
      sessionIdSeen |= contains(bytes, sessionId);
    }
    assertThat(sessionIdSeen).as("the session's id in the journal").isTrue();
  }

  private static KeyHandles keys(VaultDatabase database, Target target, KeyUseJournal journal)
      throws Exception {
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    return KeyHandles.builder()
        .database(database)
        .protectors(
            KeyProtectors.open(database, clock, FileKeyProtector.open(target.dataDir(), random)))
        .sessionGate(new TestSessions(clock))
        .auditTrail(new AuditLog(database, clock))
        .clock(clock)
        .random(random)
        .keyUseJournal(journal)
        .keyUseAudit(KeyUseAudit.Settings.DEFAULTS)
        .build();
  }

  /** The number of successful signatures the audit log counts. */
  private static long signatures(VaultDatabase database) throws Exception {
    return database.inTransaction(
        c -> {
          try (var s = c.createStatement();
              var r =
                  s.executeQuery(
                      "SELECT COALESCE(SUM(occurrences), 0) FROM audit_events"
                          + " WHERE operation = 'SIGN' AND result = 'SUCCESS'")) {
            r.next();
            return r.getLong(1);
          }
        });
  }

  /** How far this node's journal is stored, from {@code audit_journal_marks}. */
  private static Long mark(VaultDatabase database, UUID nodeId) throws Exception {
    return database.inTransaction(
        c -> {
          try (var s =
              c.prepareStatement("SELECT shipped_to FROM audit_journal_marks WHERE node_id = ?")) {
            s.setObject(1, nodeId);
            try (var r = s.executeQuery()) {
              return r.next() ? r.getLong(1) : null;
            }
          }
        });
  }

  /** The whole records the journal holds (none was released: they fit in its first segment). */
  private static long records(KeyUseJournal journal) {
    assertThat(journal.start()).as("the journal still holds its first segment").isZero();
    AtomicLong count = new AtomicLong();
    journal.read(
        journal.start(),
        journal.written(),
        Integer.MAX_VALUE,
        (bytes, after) -> count.incrementAndGet());
    return count.get();
  }

  /** The last signature's number in the child's progress file (whole lines only). */
  private static long lastSigned(Path progress) throws IOException {
    String written = Files.readString(progress, StandardCharsets.US_ASCII);
    String[] lines = written.substring(0, written.lastIndexOf('\n') + 1).split("\n");
    assertThat(lines[lines.length - 1]).as("the child's progress").matches("\\d+");
    return Long.parseLong(lines[lines.length - 1]);
  }

  private static String valueOf(List<String> output, String prefix) {
    return output.stream()
        .filter(line -> line.startsWith(prefix))
        .map(line -> line.substring(prefix.length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the child printed no '" + prefix + "': " + output));
  }

  private static byte[] unsigned(BigInteger value, int length) {
    byte[] bytes = value.toByteArray();
    byte[] fixed = new byte[length];
    int from = Math.max(0, bytes.length - length);
    System.arraycopy(bytes, from, fixed, length - (bytes.length - from), bytes.length - from);
    return fixed;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static void deleteJournal(Path dir) throws IOException {
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
    }
    for (Path path : paths) {
      Files.delete(path);
    }
  }

  /** How the child reaches the test's database and data directory; the parent's pool is closed. */
  private record Target(String url, String user, String password, Path dataDir) {
    static Target of(TestVault vault) {
      HikariDataSource pool = (HikariDataSource) vault.database.dataSource();
      return new Target(
          pool.getJdbcUrl(),
          pool.getUsername(),
          pool.getPassword() == null ? "" : pool.getPassword(),
          vault.dataDir);
    }

    VaultDatabase open() {
      return VaultDatabase.open(url, user, password);
    }
  }
}
