package org.keymail.vault.keyuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keymail.vault.keyuse.KeyUseJournalTest.session;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.vault.audit.AuditEntry;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditFilter;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.audit.AuditOccurrence;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.audit.BrokenLink;
import org.keymail.vault.session.SessionGate;
import org.keymail.vault.session.SessionId;
import org.keymail.vault.session.SessionToken;
import org.keymail.vault.session.UnlockSession;
import org.keymail.vault.user.TestVault;

/**
 * The key-use audit stores every journaled key use in the hash-chained audit log exactly once:
 * identical uses shipped together as one row that counts them from the first to the last, uses that
 * differ in anything as rows of their own, with this node's mark moved in the same transaction.
 * That transaction asks the session gate about the uses' sessions. What an earlier run journaled is
 * stored after a restart, once; a record the journal cannot read is stored as a failure; while the
 * audit log is out of reach key uses go on for the maximum lag and are refused after it, until the
 * log takes the journal again. Closing stores everything and takes no more.
 */
class KeyUseAuditTest {

  private static final UUID ANN = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
  private static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-0000000000b0");
  private static final UUID PASSKEY = UUID.fromString("00000000-0000-0000-0000-00000000c0de");
  private static final String IP = "192.0.2.7";

  /** The shipper waits an hour between rounds: a shipment holds what was recorded before ship(). */
  private static final KeyUseAudit.Settings ON_REQUEST =
      new KeyUseAudit.Settings(Duration.ofHours(1), Duration.ofHours(2));

  private static final KeyUseAudit.Settings EVERY_10_MS =
      new KeyUseAudit.Settings(Duration.ofMillis(10), Duration.ofSeconds(30));

  /** For key uses under no session: a gate that is never asked to let a key be used. */
  private static final SessionGate NO_SESSIONS =
      token -> {
        throw new AssertionError("no key is used through the gate here");
      };

  @TempDir Path journalDirectory;

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void shippedKeyUsesAreInTheChainAndTheMarkIsTheJournalsEnd(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      KeyUseJournal journal = KeyUseJournal.inMemory();
      try (KeyUseAudit audit = start(vault, vault.audit, NO_SESSIONS, journal, ON_REQUEST)) {
        audit.record(sign(ANN, "key 1"), null);
        audit.record(decrypt(BOB, "key 2"), null);

        audit.ship();

        assertThat(stored(vault))
            .extracting(AuditEntry::event)
            .containsExactly(sign(ANN, "key 1"), decrypt(BOB, "key 2"));
        assertThat(stored(vault))
            .allSatisfy(e -> assertThat(e.at()).isEqualTo(vault.clock.instant()));
        assertThat(vault.audit.verify()).isEmpty();
        assertThat(mark(vault, journal.nodeId())).isEqualTo(journal.written());
        assertThat(audit.shippedTo()).isEqualTo(journal.written());

        audit.record(sign(ANN, "key 3"), null);
        audit.ship();

        assertThat(vault.count("SELECT COUNT(*) FROM audit_events")).isEqualTo(3);
        assertThat(mark(vault, journal.nodeId())).isEqualTo(journal.written());
        assertThat(vault.count("SELECT COUNT(*) FROM audit_journal_marks")).isEqualTo(1);
        assertThat(vault.audit.verify()).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void identicalKeyUsesShippedTogetherBecomeOneCountedRow(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Instant first = vault.clock.instant();
      try (KeyUseAudit audit = start(vault, ON_REQUEST)) {
        audit.record(sign(ANN, "key 7"), null);
        vault.clock.advance(Duration.ofSeconds(2));
        audit.record(sign(ANN, "key 7"), null);
        vault.clock.advance(Duration.ofSeconds(3));
        audit.record(sign(ANN, "key 7"), null);

        audit.ship();
      }

      List<AuditEntry> entries = stored(vault);
      assertThat(entries).hasSize(1);
      AuditEntry row = entries.get(0);
      assertThat(row.event()).isEqualTo(sign(ANN, "key 7"));
      assertThat(row.occurrences()).isEqualTo(3);
      assertThat(row.firstAt()).isEqualTo(first);
      assertThat(row.at()).isEqualTo(first.plusSeconds(5));
      assertThat(vault.count("SELECT COUNT(*) FROM audit_events WHERE first_at IS NOT NULL"))
          .isEqualTo(1);
      assertThat(vault.audit.verify()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void keyUsesThatDifferInAnyFieldAreRowsOfTheirOwn(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      AuditEvent base = sign(ANN, "key 7");
      // Each differs from base in one field: result, detail, user, PassKey, operation, key,
      // address.
      List<AuditEvent> others =
          List.of(
              new AuditEvent(ANN, PASSKEY, "SIGN", "key 7", IP, AuditResult.DENIED, null),
              new AuditEvent(ANN, PASSKEY, "SIGN", "key 7", IP, AuditResult.SUCCESS, "locked"),
              new AuditEvent(BOB, PASSKEY, "SIGN", "key 7", IP, AuditResult.SUCCESS, null),
              new AuditEvent(ANN, null, "SIGN", "key 7", IP, AuditResult.SUCCESS, null),
              new AuditEvent(ANN, PASSKEY, "DECRYPT", "key 7", IP, AuditResult.SUCCESS, null),
              new AuditEvent(ANN, PASSKEY, "SIGN", "key 8", IP, AuditResult.SUCCESS, null),
              new AuditEvent(
                  ANN, PASSKEY, "SIGN", "key 7", "198.51.100.4", AuditResult.SUCCESS, null));
      Instant at = vault.clock.instant();
      try (KeyUseAudit audit = start(vault, ON_REQUEST)) {
        audit.record(base, null);
        for (AuditEvent other : others) {
          audit.record(other, null);
        }
        vault.clock.advance(Duration.ofSeconds(1));
        audit.record(base, null);

        audit.ship();
      }

      List<AuditEvent> expected = new ArrayList<>();
      expected.add(base);
      expected.addAll(others);
      List<AuditEntry> entries = stored(vault);
      assertThat(entries).extracting(AuditEntry::event).containsExactlyElementsOf(expected);
      assertThat(entries)
          .extracting(AuditEntry::occurrences)
          .containsExactly(2, 1, 1, 1, 1, 1, 1, 1);
      assertThat(entries.get(0).firstAt()).isEqualTo(at);
      assertThat(entries.get(0).at()).isEqualTo(at.plusSeconds(1));
      assertThat(entries.subList(1, entries.size()))
          .allSatisfy(
              e -> {
                assertThat(e.at()).isEqualTo(at);
                assertThat(e.firstAt()).isEqualTo(at);
              });
      assertThat(vault.audit.verify()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void changedCountOfACountedRowIsReported(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      threeRowsWithACountedSecond(vault);

      sql(vault, "UPDATE audit_events SET occurrences = 2 WHERE seq = 2");

      assertThat(vault.audit.verify())
          .contains(new BrokenLink(2, "event 2 was changed after it was written"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void countedRowPassedOffAsOneUseIsReported(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      threeRowsWithACountedSecond(vault);

      sql(vault, "UPDATE audit_events SET occurrences = 1, first_at = NULL WHERE seq = 2");

      assertThat(vault.audit.verify())
          .contains(new BrokenLink(2, "event 2 was changed after it was written"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void shippedSessionsAreAskedAboutInTheShippingTransaction(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      RecordingGate gate = new RecordingGate(vault.audit);
      try (KeyUseAudit audit =
          start(vault, vault.audit, gate, KeyUseJournal.inMemory(), ON_REQUEST)) {
        audit.record(sign(ANN, "key 1"), session(1));
        audit.record(sign(ANN, "key 1"), session(1));
        audit.record(decrypt(BOB, "key 2"), session(2));
        audit.record(sign(ANN, "key 3"), null);

        audit.ship();
      }

      assertThat(gate.asked()).containsExactly(Set.of(session(1), session(2)));
      assertThat(gate.inTransaction()).containsExactly(true);
      // The gate's note, written through the connection it was given, commits with the shipment.
      assertThat(stored(vault))
          .extracting(e -> e.event().operation())
          .containsExactly("SESSION_CHECK", "SIGN", "DECRYPT", "SIGN");
      assertThat(vault.audit.verify()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void gateWorkIsUndoneWithAShipmentThatFails(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      RecordingGate gate = new RecordingGate(vault.audit);
      FlakyTrail trail = new FlakyTrail(vault.audit);
      trail.outOfReach();
      KeyUseJournal journal = KeyUseJournal.inMemory();
      try (KeyUseAudit audit = start(vault, trail, gate, journal, ON_REQUEST)) {
        audit.record(sign(ANN, "key 1"), session(1));

        assertThatThrownBy(audit::ship)
            .isInstanceOf(StorageUnavailableException.class)
            .hasMessage(StorageUnavailableException.MESSAGE);

        assertThat(gate.asked()).isNotEmpty().containsOnly(Set.of(session(1)));
        assertThat(vault.count("SELECT COUNT(*) FROM audit_events")).isZero();
        assertThat(vault.count("SELECT COUNT(*) FROM audit_journal_marks")).isZero();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void journalLeftByAnEarlierRunIsStoredOnceAfterRestarts(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Instant then = vault.clock.instant();
      List<KeyUseRecord> earlier =
          List.of(
              new KeyUseRecord(sign(ANN, "key 1"), then, session(1)),
              new KeyUseRecord(decrypt(BOB, "key 2"), then.plusSeconds(1), null),
              new KeyUseRecord(sign(ANN, "key 3"), then.plusSeconds(2), session(1)));
      long end;
      UUID node;
      try (KeyUseJournal journal = KeyUseJournal.open(journalDirectory)) {
        for (KeyUseRecord record : earlier) {
          journal.append(record.encode());
        }
        end = journal.written();
        node = journal.nodeId();
      }
      vault.clock.advance(Duration.ofMinutes(5));

      try (KeyUseAudit audit = startOnDirectory(vault)) {
        audit.ship();
      }

      assertThat(stored(vault))
          .extracting(AuditEntry::event)
          .containsExactlyElementsOf(earlier.stream().map(KeyUseRecord::event).toList());
      assertThat(stored(vault))
          .extracting(AuditEntry::at)
          .containsExactlyElementsOf(earlier.stream().map(KeyUseRecord::at).toList());
      assertThat(mark(vault, node)).isEqualTo(end);

      try (KeyUseAudit audit = startOnDirectory(vault)) {
        audit.ship();
        assertThat(vault.count("SELECT COUNT(*) FROM audit_events")).isEqualTo(3);

        audit.record(sign(ANN, "key 4"), null);
        audit.ship();
      }
      try (KeyUseAudit audit = startOnDirectory(vault)) {
        audit.ship();
      }

      assertThat(stored(vault))
          .extracting(e -> e.event().object())
          .containsExactly("key 1", "key 2", "key 3", "key 4");
      assertThat(vault.audit.verify()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void auditLogOutOfReachRefusesKeyUsesOnlyAfterTheMaximumLag(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      FlakyTrail trail = new FlakyTrail(vault.audit);
      KeyUseJournal journal = KeyUseJournal.inMemory();
      try (KeyUseAudit audit = start(vault, trail, NO_SESSIONS, journal, EVERY_10_MS)) {
        trail.outOfReach();
        audit.record(sign(ANN, "key 1"), null);

        assertThatThrownBy(audit::ship)
            .isInstanceOf(StorageUnavailableException.class)
            .hasMessage(StorageUnavailableException.MESSAGE)
            .cause()
            .hasMessageContaining("out of reach");

        vault.clock.advance(Duration.ofSeconds(30));
        audit.record(sign(ANN, "key 2"), null);
        vault.clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> audit.record(sign(ANN, "key 3"), null))
            .isInstanceOf(StorageUnavailableException.class)
            .hasMessage(StorageUnavailableException.MESSAGE)
            .cause()
            .hasMessageContaining("the audit log has not been reachable");

        trail.reachAgain();
        audit.ship();
        audit.record(sign(ANN, "key 4"), null);
        audit.ship();

        assertThat(stored(vault))
            .extracting(e -> e.event().object())
            .containsExactly("key 1", "key 2", "key 4");
        assertThat(stored(vault)).extracting(AuditEntry::occurrences).containsOnly(1);
        assertThat(mark(vault, journal.nodeId())).isEqualTo(journal.written());
        assertThat(vault.audit.verify()).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void damagedJournalRecordIsStoredAsAFailure(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Instant at = vault.clock.instant();
      KeyUseJournal journal = KeyUseJournal.inMemory();
      journal.append(new KeyUseRecord(sign(ANN, "key 1"), at, null).encode());
      journal.append(new byte[] {9, 9, 9});
      journal.append(new KeyUseRecord(sign(ANN, "key 2"), at, null).encode());

      try (KeyUseAudit audit = start(vault, vault.audit, NO_SESSIONS, journal, ON_REQUEST)) {
        audit.ship();
      }

      List<AuditEntry> entries = stored(vault);
      assertThat(entries)
          .extracting(e -> e.event().operation())
          .containsExactly("SIGN", "KEY_USE_JOURNAL", "SIGN");
      assertThat(entries.get(0).event()).isEqualTo(sign(ANN, "key 1"));
      assertThat(entries.get(2).event()).isEqualTo(sign(ANN, "key 2"));
      AuditEvent damaged = entries.get(1).event();
      assertThat(damaged.result()).isEqualTo(AuditResult.FAILURE);
      assertThat(damaged.userId()).isNull();
      assertThat(damaged.object()).contains(journal.nodeId().toString());
      assertThat(damaged.detail()).contains("key-use record");
      assertThat(mark(vault, journal.nodeId())).isEqualTo(journal.written());
      assertThat(vault.audit.verify()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void closeStoresEverythingRecordedAndTakesNoMore(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      KeyUseJournal journal = KeyUseJournal.inMemory();
      KeyUseAudit audit = start(vault, vault.audit, NO_SESSIONS, journal, ON_REQUEST);
      audit.record(sign(ANN, "key 1"), null);
      audit.record(sign(ANN, "key 1"), null);
      audit.record(decrypt(BOB, "key 2"), null);

      audit.close();

      assertThat(stored(vault))
          .extracting(AuditEntry::event)
          .containsExactly(sign(ANN, "key 1"), decrypt(BOB, "key 2"));
      assertThat(stored(vault)).extracting(AuditEntry::occurrences).containsExactly(2, 1);
      assertThat(mark(vault, journal.nodeId())).isEqualTo(journal.written());
      assertThatThrownBy(() -> audit.record(sign(ANN, "key 3"), null))
          .isInstanceOf(StorageUnavailableException.class)
          .cause()
          .hasMessageContaining("shutting down");
      assertThatThrownBy(() -> journal.append(new byte[] {1}))
          .isInstanceOf(IllegalStateException.class);
      assertThat(vault.count("SELECT COUNT(*) FROM audit_events")).isEqualTo(2);
    }
  }

  /** An unlock, a row counting three signatures by Ann, a lock: seq 1, 2 and 3, all intact. */
  private static void threeRowsWithACountedSecond(TestVault vault) throws Exception {
    vault.audit.record(AuditEvent.of(ANN, "UNLOCK", "session", AuditResult.SUCCESS));
    try (KeyUseAudit audit = start(vault, ON_REQUEST)) {
      for (int i = 0; i < 3; i++) {
        audit.record(sign(ANN, "key 7"), null);
        vault.clock.advance(Duration.ofSeconds(1));
      }
      audit.ship();
    }
    vault.audit.record(AuditEvent.of(ANN, "LOCK", "session", AuditResult.SUCCESS));
    assertThat(stored(vault)).extracting(AuditEntry::occurrences).containsExactly(1, 3, 1);
    assertThat(vault.audit.verify()).isEmpty();
  }

  private static KeyUseAudit start(TestVault vault, KeyUseAudit.Settings settings)
      throws SQLException {
    return start(vault, vault.audit, NO_SESSIONS, KeyUseJournal.inMemory(), settings);
  }

  private KeyUseAudit startOnDirectory(TestVault vault) throws SQLException {
    return start(vault, vault.audit, NO_SESSIONS, KeyUseJournal.open(journalDirectory), ON_REQUEST);
  }

  private static KeyUseAudit start(
      TestVault vault,
      AuditTrail trail,
      SessionGate gate,
      KeyUseJournal journal,
      KeyUseAudit.Settings settings)
      throws SQLException {
    return KeyUseAudit.start(vault.database, trail, gate, journal, vault.clock, settings);
  }

  private static AuditEvent sign(UUID user, String key) {
    return new AuditEvent(user, PASSKEY, "SIGN", key, IP, AuditResult.SUCCESS, null);
  }

  private static AuditEvent decrypt(UUID user, String key) {
    return new AuditEvent(user, PASSKEY, "DECRYPT", key, IP, AuditResult.SUCCESS, null);
  }

  /** The audit log's rows, oldest first. */
  private static List<AuditEntry> stored(TestVault vault) throws SQLException {
    List<AuditEntry> entries = new ArrayList<>(vault.audit.events(AuditFilter.newest()));
    Collections.reverse(entries);
    return entries;
  }

  /** How far {@code node}'s journal is stored, by its row in {@code audit_journal_marks}. */
  private static long mark(TestVault vault, UUID node) throws SQLException {
    return vault.database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT shipped_to FROM audit_journal_marks WHERE node_id = ?")) {
            s.setObject(1, node);
            try (ResultSet r = s.executeQuery()) {
              assertThat(r.next()).as("a mark for node %s", node).isTrue();
              return r.getLong(1);
            }
          }
        });
  }

  private static void sql(TestVault vault, String statement) throws SQLException {
    vault.database.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(statement)) {
            return s.executeUpdate();
          }
        });
  }

  /**
   * A gate that closes no session and remembers what it was asked; it notes each check in the audit
   * log through the connection it is given, so the note commits or rolls back with that
   * connection's transaction.
   */
  private static final class RecordingGate implements SessionGate {
    private final AuditLog log;
    private final List<Set<SessionId>> asked = new CopyOnWriteArrayList<>();
    private final List<Boolean> inTransaction = new CopyOnWriteArrayList<>();

    RecordingGate(AuditLog log) {
      this.log = log;
    }

    @Override
    public UnlockSession require(SessionToken token) {
      throw new AssertionError("no key is used through the gate here");
    }

    @Override
    public Set<SessionId> closedAmong(Connection transaction, Map<SessionId, Instant> lastUses)
        throws SQLException {
      Set<SessionId> sessions = lastUses.keySet();
      asked.add(Set.copyOf(sessions));
      inTransaction.add(!transaction.getAutoCommit());
      log.record(
          transaction,
          AuditEvent.of(null, "SESSION_CHECK", sessions.size() + " sessions", AuditResult.SUCCESS));
      return Set.of();
    }

    List<Set<SessionId>> asked() {
      return asked;
    }

    List<Boolean> inTransaction() {
      return inTransaction;
    }
  }

  /** The real audit log behind a connection that can be cut: then it refuses to store key uses. */
  private static final class FlakyTrail implements AuditTrail {
    private final AuditLog log;
    private volatile boolean outOfReach;
    private volatile CountDownLatch storedAgain = new CountDownLatch(1);

    FlakyTrail(AuditLog log) {
      this.log = log;
    }

    void outOfReach() {
      storedAgain = new CountDownLatch(1);
      outOfReach = true;
    }

    /**
     * Reachable again; returns once the shipper has stored a round, so that no round refused before
     * is still under way.
     */
    void reachAgain() throws InterruptedException {
      outOfReach = false;
      assertThat(storedAgain.await(30, TimeUnit.SECONDS)).as("the shipper stores again").isTrue();
    }

    @Override
    public void record(Connection transaction, AuditEvent event) throws SQLException {
      log.record(transaction, event);
    }

    @Override
    public void recordOccurred(Connection transaction, List<AuditOccurrence> occurred)
        throws SQLException {
      if (outOfReach) {
        throw new SQLException("the audit database is out of reach", "08001");
      }
      log.recordOccurred(transaction, occurred);
      storedAgain.countDown();
    }
  }
}
