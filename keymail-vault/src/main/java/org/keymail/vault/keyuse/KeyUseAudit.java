package org.keymail.vault.keyuse;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditOccurrence;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.session.SessionGate;
import org.keymail.vault.session.SessionId;
import org.keymail.vault.store.VaultDatabase;

/**
 * The audit of key uses (sign, decrypt): each use's event is appended to this node's {@link
 * KeyUseJournal} before its result is returned, and a shipper thread stores the journal in the
 * database's hash-chained audit log every {@link Settings#shipInterval()}. Identical events shipped
 * together (same user, PassKey, session, operation, key, result and detail: the same record but for
 * its time) become one row that counts them, from the first to the last; the transaction that
 * stores them also moves this node's mark in {@code audit_journal_marks}, so after a crash exactly
 * what was not stored is shipped, once. Stored records stay in the journal for two seconds more (an
 * embedded H2 database may lose its newest commits to a kill) before their segments go.
 *
 * <p>That transaction also asks the {@link SessionGate} which of the shipped uses' sessions ended
 * elsewhere (another node, a revoked PassKey, a disabled user); the gate forgets those, so they
 * stop working on this node within one ship interval. Their uses are stored as they happened.
 *
 * <p>If the database cannot take the journal for {@link Settings#maxLag()}, key uses are refused
 * until it can: the journal never holds more than that much unshipped history.
 */
public final class KeyUseAudit implements AutoCloseable {

  /**
   * @param shipInterval how often the journal is shipped (and how coarse the counted rows are)
   * @param maxLag how long the database may be out of reach before key uses are refused
   */
  public record Settings(Duration shipInterval, Duration maxLag) {

    public static final Settings DEFAULTS =
        new Settings(Duration.ofMillis(10), Duration.ofSeconds(60));

    public Settings {
      if (shipInterval.isNegative()
          || shipInterval.isZero()
          || maxLag.compareTo(shipInterval) <= 0) {
        throw new IllegalArgumentException(
            "the ship interval must be positive and shorter than the maximum lag");
      }
    }
  }

  private static final System.Logger LOG = System.getLogger(KeyUseAudit.class.getName());

  /**
   * How long stored records stay in the journal. An embedded H2 database writes its commits to disk
   * up to 500 ms after they return, so a killed process can lose the newest ones; the journal keeps
   * them until well after that, to be shipped again from the mark the database really kept.
   */
  private static final long RELEASE_DELAY_NANOS = Duration.ofSeconds(2).toNanos();

  /** One transaction stores at most this many journal records. */
  private static final int MAX_RECORDS_PER_TRANSACTION = 100_000;

  private final VaultDatabase database;
  private final AuditTrail trail;
  private final SessionGate gate;
  private final KeyUseJournal journal;
  private final Clock clock;
  private final Settings settings;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final Condition progress = lock.newCondition();
  private final Thread shipper;

  private volatile long shipped;
  private volatile Instant caughtUpAt;
  private volatile Failure failure;
  private volatile boolean closed;
  private final java.util.ArrayDeque<long[]> stored = new java.util.ArrayDeque<>(); // shipper only
  private long requested; // guarded by lock
  private boolean stopping; // guarded by lock

  private KeyUseAudit(
      VaultDatabase database,
      AuditTrail trail,
      SessionGate gate,
      KeyUseJournal journal,
      Clock clock,
      Settings settings,
      long mark) {
    this.database = database;
    this.trail = trail;
    this.gate = gate;
    this.journal = journal;
    this.clock = clock;
    this.settings = settings;
    this.shipped = mark;
    this.caughtUpAt = clock.instant();
    this.shipper =
        Thread.ofPlatform().name("keymail-key-use-audit").daemon().unstarted(this::shipUntilClosed);
  }

  /**
   * Starts shipping {@code journal}: first what an earlier run of this node journaled and did not
   * store, then every key use recorded from now on.
   */
  public static KeyUseAudit start(
      VaultDatabase database,
      AuditTrail trail,
      SessionGate gate,
      KeyUseJournal journal,
      Clock clock,
      Settings settings) {
    Objects.requireNonNull(journal, "journal");
    Long stored = database.inTransaction(c -> mark(c, journal.nodeId()));
    long mark = stored == null ? journal.start() : stored;
    if (mark > journal.written() || mark < journal.start()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "the key-use journal of node {0} does not match the audit log''s mark; shipping all it"
              + " holds",
          journal.nodeId());
      mark = journal.start();
    }
    KeyUseAudit audit =
        new KeyUseAudit(
            Objects.requireNonNull(database, "database"),
            Objects.requireNonNull(trail, "trail"),
            Objects.requireNonNull(gate, "gate"),
            journal,
            Objects.requireNonNull(clock, "clock"),
            Objects.requireNonNull(settings, "settings"),
            mark);
    audit.shipper.start();
    return audit;
  }

  /**
   * Journals {@code event}, done under {@code session} (or none), now. Once this returns the event
   * survives this process being killed.
   *
   * @throws StorageUnavailableException when the audit log has been out of reach for longer than
   *     the maximum lag, or the vault is shutting down: the key use must not go ahead (the cause
   *     says which)
   */
  public void record(AuditEvent event, SessionId session) {
    recorder(event, session).record();
  }

  /**
   * Journals {@code event} under {@code session} each time it is asked to, at that time: for a key
   * handle that does the same operation many times, the record is encoded once.
   */
  public Recorder recorder(AuditEvent event, SessionId session) {
    return new Recorder(KeyUseRecord.template(Objects.requireNonNull(event, "event"), session));
  }

  /** One kind of key use, ready to journal. Safe for use by several threads. */
  public final class Recorder {
    private final byte[] template;

    private Recorder(byte[] template) {
      this.template = template;
    }

    /**
     * Journals this key use as happening now.
     *
     * @throws StorageUnavailableException as {@link KeyUseAudit#record}
     */
    public void record() {
      append(template);
    }
  }

  private void append(byte[] template) {
    if (closed) {
      throw unavailable("the vault is shutting down; its audit log takes no more events", "57P01");
    }
    Instant now = clock.instant();
    Failure last = failure;
    if (last != null
        && journal.written() > shipped
        && now.isAfter(caughtUpAt.plus(settings.maxLag()))) {
      throw unavailable(
          "the audit log has not been reachable since " + caughtUpAt + " (" + last.message() + ")",
          "08006",
          last.cause());
    }
    try {
      journal.append(KeyUseRecord.stamped(template, now.truncatedTo(ChronoUnit.MICROS)));
    } catch (IllegalStateException sealed) {
      throw unavailable(
          "the vault is shutting down; its audit log takes no more events", "57P01", sealed);
    } catch (java.io.UncheckedIOException disk) {
      throw unavailable(
          "cannot write the key-use journal: " + disk.getCause().getMessage(), "58030", disk);
    }
  }

  /**
   * Stores everything journaled so far and returns once it is stored.
   *
   * @throws StorageUnavailableException when it could not be stored; the cause says why
   */
  public void ship() {
    long target = journal.written();
    lock.lock();
    try {
      Failure before = failure;
      requested = Math.max(requested, target);
      wake.signalAll();
      while (shipped < target) {
        if (!shipper.isAlive()) {
          throw unavailable("the vault's key-use audit has stopped", null);
        }
        Failure now = failure;
        if (now != null && now != before) {
          throw unavailable(now.message(), "08006", now.cause());
        }
        progress.await(100, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while the audit log was being stored", null, e);
    } finally {
      lock.unlock();
    }
  }

  /** The position up to which this node's journal is stored in the audit log. */
  public long shippedTo() {
    return shipped;
  }

  /** Takes no more events, ships everything journaled, stops the shipper and closes the journal. */
  @Override
  public void close() {
    closed = true;
    // Whatever got into the journal before the seal is in the shipper's last round.
    journal.seal();
    lock.lock();
    try {
      stopping = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    while (shipper.isAlive()) {
      try {
        shipper.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    journal.close();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void shipUntilClosed() {
    boolean last = false;
    while (!last) {
      lock.lock();
      try {
        long deadline = System.nanoTime() + settings.shipInterval().toNanos();
        // After a failed round, wait the interval even when asked: a database in trouble gets one
        // attempt per interval, not a tight loop.
        while (!stopping && (requested <= shipped || failure != null)) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          wake.awaitNanos(left);
        }
        last = stopping;
      } catch (InterruptedException e) {
        // Only close() stops the shipper, so that nothing journaled is left behind by accident.
      } finally {
        lock.unlock();
      }
      shipAll();
    }
    if (shipped < journal.written()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "the vault stopped with key uses not yet in its audit log; they are shipped at its next"
              + " start");
    }
  }

  /** Ships everything journaled when it starts; on failure keeps it for the next round. */
  private void shipAll() {
    Instant now = clock.instant();
    long target = journal.written();
    try {
      while (shipped < target) {
        Batch batch = read(shipped, target);
        if (batch.end() == shipped) {
          break; // the next record is still being appended: the next round takes it
        }
        database.inTransaction(c -> store(c, batch, now));
        shipped = batch.end();
        stored.add(new long[] {System.nanoTime(), batch.end()});
        failure = null;
        signalProgress();
      }
      caughtUpAt = now;
      releaseStored();
      journal.prepareNext();
    } catch (RuntimeException e) {
      // What the database said, for the log and the refusals' causes; never shown to a user.
      String why =
          e instanceof StorageUnavailableException && e.getCause() != null
              ? e.getCause().getMessage()
              : e.getMessage();
      if (failure == null) {
        LOG.log(
            System.Logger.Level.WARNING, "cannot store key uses in the audit log yet: {0}", why);
      }
      failure = new Failure(why, e);
      signalProgress();
    }
  }

  /** Lets the journal delete what was stored long enough ago to be on the database's disk. */
  private void releaseStored() {
    long releaseTo = -1;
    long nowNanos = System.nanoTime();
    while (!stored.isEmpty() && nowNanos - stored.peek()[0] >= RELEASE_DELAY_NANOS) {
      releaseTo = stored.poll()[1];
    }
    if (releaseTo >= 0) {
      journal.release(releaseTo);
    }
  }

  private Void store(Connection c, Batch batch, Instant now) throws SQLException {
    if (!batch.sessions().isEmpty()) {
      // Sessions ended on another node are forgotten here and stop working on this one; the others
      // count as used when they were, for the idle timeout on every node.
      gate.closedAmong(c, batch.sessions());
    }
    trail.recordOccurred(c, batch.rows());
    moveMark(c, batch.start(), batch.end(), now);
    return null;
  }

  private Batch read(long from, long to) {
    // Records alike but for their time are counted on their bytes and read once per kind.
    // A record too short or of another version is a kind of its own (its key is itself), which
    // does not decode below and is stored as such.
    Map<Object, Kind> kinds = new LinkedHashMap<>();
    long end =
        journal.read(
            from,
            to,
            MAX_RECORDS_PER_TRANSACTION,
            (bytes, after) -> {
              if (bytes.length < KeyUseRecord.REST_OFFSET || bytes[0] != KeyUseRecord.VERSION) {
                kinds.put(new Object(), new Kind(bytes, after).add(null));
                return;
              }
              ByteBuffer rest =
                  ByteBuffer.wrap(
                          bytes, KeyUseRecord.REST_OFFSET, bytes.length - KeyUseRecord.REST_OFFSET)
                      .slice();
              kinds
                  .computeIfAbsent(rest, r -> new Kind(bytes, after))
                  .add(KeyUseRecord.timeOf(bytes));
            });
    List<AuditOccurrence> rows = new ArrayList<>(kinds.size());
    Map<SessionId, Instant> sessions = new HashMap<>();
    for (Kind kind : kinds.values()) {
      KeyUseRecord record;
      try {
        record = KeyUseRecord.decode(kind.first);
      } catch (IllegalArgumentException damaged) {
        rows.add(damaged(kind.after, damaged, kind.count));
        continue;
      }
      rows.add(new AuditOccurrence(record.event(), kind.firstAt, kind.lastAt, kind.count));
      if (record.session() != null) {
        sessions.merge(record.session(), kind.lastAt, (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    return new Batch(from, end, rows, sessions);
  }

  /** Records that cannot be read are not dropped in silence: the log says so, and how many. */
  private AuditOccurrence damaged(long position, IllegalArgumentException why, int count) {
    Instant now = clock.instant();
    return new AuditOccurrence(
        new AuditEvent(
            null,
            null,
            "KEY_USE_JOURNAL",
            "node " + journal.nodeId() + " before position " + position,
            null,
            AuditResult.FAILURE,
            why.getMessage()),
        now,
        now,
        count);
  }

  private void moveMark(Connection c, long from, long to, Instant now) throws SQLException {
    OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE audit_journal_marks SET shipped_to = ?, shipped_at = ?"
                + " WHERE node_id = ? AND shipped_to = ?")) {
      update.setLong(1, to);
      update.setObject(2, at);
      update.setObject(3, journal.nodeId());
      update.setLong(4, from);
      if (update.executeUpdate() == 1) {
        return;
      }
    }
    // No row yet: the first shipment of this node. A row that is there but elsewhere means another
    // process ships this journal too; the primary key then refuses this one.
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO audit_journal_marks (node_id, shipped_to, shipped_at) VALUES (?, ?, ?)")) {
      insert.setObject(1, journal.nodeId());
      insert.setLong(2, to);
      insert.setObject(3, at);
      insert.executeUpdate();
    }
  }

  private static Long mark(Connection c, UUID nodeId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT shipped_to FROM audit_journal_marks WHERE node_id = ?")) {
      s.setObject(1, nodeId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : null;
      }
    }
  }

  private void signalProgress() {
    lock.lock();
    try {
      progress.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Journal records from {@code start} to {@code end}, counted. */
  private record Batch(
      long start, long end, List<AuditOccurrence> rows, Map<SessionId, Instant> sessions) {}

  private record Failure(String message, Exception cause) {}

  /** A refused key use or shipment: the storage failure, with keymail's reason as its cause. */
  private static StorageUnavailableException unavailable(String why, String sqlState) {
    return new StorageUnavailableException(new SQLException(why, sqlState));
  }

  private static StorageUnavailableException unavailable(
      String why, String sqlState, Throwable cause) {
    return new StorageUnavailableException(new SQLException(why, sqlState, cause));
  }

  /** Records alike but for their time: the first of them, and when they happened. */
  private static final class Kind {
    private final byte[] first;
    private final long after;
    private Instant firstAt;
    private Instant lastAt;
    private int count;

    Kind(byte[] first, long after) {
      this.first = first;
      this.after = after;
    }

    /** One more record of this kind, at {@code at} (null for a record whose time is unreadable). */
    Kind add(Instant at) {
      count++;
      if (at == null) {
        return this;
      }
      if (firstAt == null || at.isBefore(firstAt)) {
        firstAt = at;
      }
      if (lastAt == null || at.isAfter(lastAt)) {
        lastAt = at;
      }
      return this;
    }
  }
}
