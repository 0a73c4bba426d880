package org.keymail.vault.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.keymail.vault.store.VaultDatabase;

/**
 * The vault's hash-chained audit log in table {@code audit_events}. Each event's hash is SHA-256
 * over the previous event's hash and a canonical encoding of every field, so changing or removing a
 * row breaks the chain at that row; {@link #verify()} finds the first break.
 *
 * <p>Events are appended inside the caller's transaction, so an event exists exactly when the
 * change it describes does. Appends from many threads and many server nodes stay one chain: each
 * append locks the one-row chain head ({@code audit_chain_head}), which names the newest event, and
 * the primary key on {@code seq} makes a fork impossible. Key operations, which are many and change
 * nothing else, reach it through each node's key-use journal ({@code org.keymail.vault.keyuse}),
 * which stores identical key uses shipped together as one counted row ({@link #recordOccurred}).
 */
public final class AuditLog implements AuditTrail {

  static final int HASH_LENGTH = 32;
  private static final byte[] GENESIS = new byte[HASH_LENGTH];

  private final VaultDatabase database;
  private final Clock clock;

  public AuditLog(VaultDatabase database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void record(Connection transaction, AuditEvent event) throws SQLException {
    recordAll(transaction, List.of(event));
  }

  /**
   * Appends {@code events}, in order, inside the caller's transaction: locks the chain head once,
   * inserts them as one JDBC batch chained from it, and moves the head on. The head stays locked
   * until the caller's transaction ends, so keep such transactions short.
   */
  @Override
  public void recordAll(Connection transaction, List<AuditEvent> events) throws SQLException {
    // The databases store microseconds; hash exactly what is stored.
    Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<AuditOccurrence> now = new ArrayList<>(events.size());
    for (AuditEvent event : events) {
      now.add(AuditOccurrence.once(event, at));
    }
    recordOccurred(transaction, now);
  }

  /**
   * As {@link #recordAll}, for events that happened earlier (key uses from a node's journal): each
   * row keeps its own times and count. The chain is in the order of writing, so a row's time may be
   * earlier than that of the row before it.
   */
  @Override
  public void recordOccurred(Connection transaction, List<AuditOccurrence> occurred)
      throws SQLException {
    if (occurred.isEmpty()) {
      return;
    }
    Head head = lockHead(transaction);
    long seq = head.lastSeq();
    byte[] prevHash = head.lastHash();
    try (PreparedStatement s =
        transaction.prepareStatement(
            "INSERT INTO audit_events (seq, at, user_id, passkey_id, operation, object,"
                + " client_address, result, detail, prev_hash, hash, occurrences, first_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (AuditOccurrence o : occurred) {
        AuditOccurrence stored = truncated(o);
        AuditEvent event = stored.event();
        seq++;
        byte[] hash = chain(prevHash, seq, stored, event.result().name());
        s.setLong(1, seq);
        s.setObject(2, OffsetDateTime.ofInstant(stored.at(), ZoneOffset.UTC));
        s.setObject(3, event.userId());
        s.setObject(4, event.passkeyId());
        s.setString(5, event.operation());
        s.setString(6, event.object());
        s.setString(7, event.clientAddress());
        s.setString(8, event.result().name());
        s.setString(9, event.detail());
        s.setBytes(10, prevHash);
        s.setBytes(11, hash);
        s.setInt(12, stored.occurrences());
        s.setObject(
            13,
            stored.occurrences() == 1
                ? null
                : OffsetDateTime.ofInstant(stored.firstAt(), ZoneOffset.UTC));
        s.addBatch();
        prevHash = hash;
      }
      s.executeBatch();
    }
    try (PreparedStatement s =
        transaction.prepareStatement(
            "UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
      s.setLong(1, seq);
      s.setBytes(2, prevHash);
      s.executeUpdate();
    }
  }

  /**
   * The row as the databases can store it, which is what is hashed: times to the microsecond, texts
   * cut to their columns' lengths (marked with an ellipsis) and without NUL characters, which
   * PostgreSQL refuses. An event that cannot be stored must not stop the log (a key use's shipment
   * would fail with it, again and again).
   */
  private static AuditOccurrence truncated(AuditOccurrence o) {
    AuditEvent e = o.event();
    AuditEvent storable =
        new AuditEvent(
            e.userId(),
            e.passkeyId(),
            fit(e.operation(), 40),
            fit(e.object(), 400),
            fit(e.clientAddress(), 100),
            e.result(),
            fit(e.detail(), 1000));
    return new AuditOccurrence(
        storable.equals(e) ? e : storable,
        o.firstAt().truncatedTo(ChronoUnit.MICROS),
        o.at().truncatedTo(ChronoUnit.MICROS),
        o.occurrences());
  }

  private static String fit(String text, int length) {
    if (text == null) {
      return null;
    }
    String clean = text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    if (clean.length() <= length) {
      return clean;
    }
    int cut = length - 1;
    if (Character.isHighSurrogate(clean.charAt(cut - 1))) {
      cut--;
    }
    return clean.substring(0, cut) + "\u2026";
  }

  /** Records {@code event} in a transaction of its own. */
  public void record(AuditEvent event) {
    database.inTransaction(
        c -> {
          record(c, event);
          return null;
        });
  }

  /**
   * Locks the one row of {@code audit_chain_head} until the transaction ends: every writer on every
   * node queues here, so the chain never forks and the primary key on {@code seq} never has to turn
   * a writer away.
   */
  private static Head lockHead(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE");
        ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        throw new SQLException(
            "the audit log's chain head is missing; the vault's schema is damaged", "55000");
      }
      byte[] lastHash = r.getBytes(2);
      return new Head(r.getLong(1), lastHash == null ? GENESIS : lastHash);
    }
  }

  /** Where the next event attaches: the newest event's seq and hash. */
  private record Head(long lastSeq, byte[] lastHash) {}

  /**
   * Walks the whole chain from the first event and returns the first broken link, or empty when
   * every event is intact and in place. Removing the newest events cannot be seen this way; the
   * chain head is for that compared with a copy kept elsewhere.
   */
  public Optional<BrokenLink> verify() {
    return database.inTransaction(
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT seq, at, user_id, passkey_id, operation, object, client_address,"
                          + " result, detail, prev_hash, hash, occurrences, first_at FROM"
                          + " audit_events ORDER BY seq");
              ResultSet r = s.executeQuery()) {
            long expected = 1;
            byte[] prevHash = GENESIS;
            while (r.next()) {
              StoredRow row = StoredRow.readForCheck(r);
              if (row.seq() != expected) {
                return Optional.of(
                    new BrokenLink(
                        expected,
                        "event " + expected + " is missing: the log jumps to " + row.seq()));
              }
              if (!MessageDigest.isEqual(row.prevHash(), prevHash)) {
                return Optional.of(
                    new BrokenLink(
                        row.seq(),
                        "event " + row.seq() + " does not follow event " + (row.seq() - 1)));
              }
              if (!row.consistent()
                  || !MessageDigest.isEqual(
                      chain(prevHash, row.seq(), row.occurrence(), row.result()), row.hash())) {
                return Optional.of(
                    new BrokenLink(
                        row.seq(), "event " + row.seq() + " was changed after it was written"));
              }
              prevHash = row.hash();
              expected++;
            }
            return Optional.<BrokenLink>empty();
          }
        });
  }

  /** How many events the log holds, counting each of a row's counted key uses. */
  public long eventCount() {
    return database.inTransaction(
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement("SELECT COALESCE(SUM(occurrences), 0) FROM audit_events");
              ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
          }
        });
  }

  /** The events {@code filter} selects, newest first. */
  public List<AuditEntry> events(AuditFilter filter) {
    List<Object> parameters = new ArrayList<>();
    String sql =
        "SELECT e.seq, e.at, e.user_id, e.passkey_id, e.operation, e.object, e.client_address,"
            + " e.result, e.detail, e.prev_hash, e.hash, e.occurrences, e.first_at FROM audit_events e"
            + " WHERE "
            + filter.where(parameters)
            + " ORDER BY e.seq DESC LIMIT ?";
    parameters.add(filter.limit());
    return database.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
              s.setObject(i + 1, parameters.get(i));
            }
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                entries.add(StoredRow.read(r).entry());
              }
            }
            return entries;
          }
        });
  }

  /**
   * A page of the events {@code filter} selects, newest first, each with the address of its user
   * and the name of its PassKey where they are known, and where the next page starts when there is
   * one. Only the page is read from the database, however large the log.
   */
  public AuditPage page(AuditFilter filter) {
    List<Object> parameters = new ArrayList<>();
    String sql =
        "SELECT e.seq, e.at, e.user_id, e.passkey_id, e.operation, e.object, e.client_address,"
            + " e.result, e.detail, e.prev_hash, e.hash, e.occurrences, e.first_at, u.email, p.name"
            + " FROM audit_events e LEFT JOIN users u ON u.id = e.user_id"
            + " LEFT JOIN passkeys p ON p.id = e.passkey_id WHERE "
            + filter.where(parameters)
            + " ORDER BY e.seq DESC LIMIT ?";
    // One more than asked tells whether a next page exists.
    parameters.add(filter.limit() + 1);
    return database.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
              s.setObject(i + 1, parameters.get(i));
            }
            List<AuditRecord> records = new ArrayList<>();
            boolean more = false;
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                if (records.size() == filter.limit()) {
                  more = true;
                  break;
                }
                records.add(
                    new AuditRecord(
                        StoredRow.read(r).entry(),
                        Optional.ofNullable(r.getString(14)),
                        Optional.ofNullable(r.getString(15))));
              }
            }
            return new AuditPage(
                records,
                more
                    ? java.util.OptionalLong.of(records.get(records.size() - 1).entry().seq())
                    : java.util.OptionalLong.empty());
          }
        });
  }

  static byte[] chain(byte[] prevHash, long seq, Instant at, AuditEvent event) {
    return chain(prevHash, seq, AuditOccurrence.once(event, at), event.result().name());
  }

  private static byte[] chain(byte[] prevHash, long seq, AuditOccurrence o, String result) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(prevHash);
      sha256.update(canonical(seq, o, result));
      return sha256.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Fixed field order, each field length-prefixed (absent = -1), so no two different events encode
   * alike. A row counting several key uses adds its count and first time at the end; a row of one
   * event encodes as it always has, so rows written before counting existed still verify.
   */
  private static byte[] canonical(long seq, AuditOccurrence o, String result) {
    AuditEvent event = o.event();
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(seq);
      out.writeLong(o.at().getEpochSecond());
      out.writeInt(o.at().getNano());
      field(out, event.userId() == null ? null : event.userId().toString());
      field(out, event.passkeyId() == null ? null : event.passkeyId().toString());
      field(out, event.operation());
      field(out, event.object());
      field(out, event.clientAddress());
      field(out, result);
      field(out, event.detail());
      if (o.occurrences() != 1) {
        out.writeInt(o.occurrences());
        out.writeLong(o.firstAt().getEpochSecond());
        out.writeInt(o.firstAt().getNano());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void field(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private record StoredRow(
      long seq, AuditEntry entry, String result, byte[] prevHash, byte[] hash) {

    /** False for a count or times no writer stores: such a row was edited. */
    boolean consistent() {
      return entry.occurrences() >= 1 && !entry.at().isBefore(entry.firstAt());
    }

    AuditOccurrence occurrence() {
      return new AuditOccurrence(entry.event(), entry.firstAt(), entry.at(), entry.occurrences());
    }

    static StoredRow read(ResultSet r) throws SQLException {
      return read(r, AuditResult.valueOf(r.getString(8)));
    }

    /**
     * For verification: a result changed to text that is no {@link AuditResult} must show as a
     * changed row, not stop the check, so the event carries a stand-in and the raw text is hashed.
     */
    static StoredRow readForCheck(ResultSet r) throws SQLException {
      return read(r, AuditResult.FAILURE);
    }

    private static StoredRow read(ResultSet r, AuditResult result) throws SQLException {
      long seq = r.getLong(1);
      Instant at = r.getObject(2, OffsetDateTime.class).toInstant();
      AuditEvent event =
          new AuditEvent(
              r.getObject(3, UUID.class),
              r.getObject(4, UUID.class),
              r.getString(5),
              r.getString(6),
              r.getString(7),
              result,
              r.getString(9));
      int occurrences = r.getInt(12);
      OffsetDateTime firstAt = r.getObject(13, OffsetDateTime.class);
      AuditEntry entry =
          new AuditEntry(seq, at, event, occurrences, firstAt == null ? at : firstAt.toInstant());
      return new StoredRow(seq, entry, r.getString(8), r.getBytes(10), r.getBytes(11));
    }
  }
}
