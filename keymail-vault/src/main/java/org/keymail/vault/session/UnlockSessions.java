package org.keymail.vault.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.keymail.vault.VaultException;
import org.keymail.vault.store.VaultDatabase;

/**
 * The {@link SessionGate} over table {@code unlock_sessions}: whether a token's unlock session is
 * still open, asked on every request and before every use of a private key. Sessions are opened and
 * ended by {@link SessionIssuer}; they also end by time, when their PassKey is revoked or their
 * user disabled.
 *
 * <p>{@link #require} asks the database every time. For key uses, {@link #requireForKeyUse} answers
 * from the sessions this node keeps in memory (keyed by {@link SessionId}, never the token), so a
 * key use costs no extra database round trip. The database stays the authority: {@link
 * #closedAmong}, asked in the transaction that ships key uses' audit events from this node's
 * journal, finds sessions ended on any node, by a revoked PassKey or a disabled user, and forgets
 * them here, so they stop working at that shipment. Logout on this node forgets the session at
 * once; an idle or absolute expiry is checked in memory and confirmed against the database before
 * the caller is asked for the access code again.
 */
public final class UnlockSessions implements SessionGate {

  private static final String DISABLED = "DISABLED";

  /** How stale {@code last_used_at} may get before a key use writes it again. */
  private static final Duration TOUCH_INTERVAL = Duration.ofSeconds(1);

  /** How often (on the vault's clock) lapsed sessions are looked for and forgotten. */
  private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

  private final VaultDatabase database;
  private final Clock clock;
  private final Supplier<SessionPolicy> policy;
  private final Map<SessionId, RememberedSession> remembered = new ConcurrentHashMap<>();
  private final List<SessionEndListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

  public UnlockSessions(VaultDatabase database, Clock clock, SessionPolicy policy) {
    this(database, clock, constant(policy));
  }

  /**
   * Sessions whose lengths come from {@code policy}, asked whenever a session is opened or first
   * used on this node: a changed policy applies to new sessions without a restart.
   */
  public UnlockSessions(VaultDatabase database, Clock clock, Supplier<SessionPolicy> policy) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  private static Supplier<SessionPolicy> constant(SessionPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return () -> policy;
  }

  /** Asks the database, the authority: for sign-in checks and anything but a key use. */
  @Override
  public UnlockSession require(SessionToken token) throws VaultException {
    if (token == null) {
      throw new PassKeyNotPresentedException();
    }
    Instant now = clock.instant();
    forgetLapsedIfDue(now);
    return fromDatabase(SessionId.of(token), now);
  }

  /**
   * Answers from this node's memory when it has seen the session open; the transaction that ships
   * the key use's audit event confirms it ({@link #closedAmong}).
   */
  @Override
  public UnlockSession requireForKeyUse(SessionToken token) throws VaultException {
    if (token == null) {
      throw new PassKeyNotPresentedException();
    }
    Instant now = clock.instant();
    forgetLapsedIfDue(now);
    SessionId id = SessionId.of(token);
    RememberedSession known = remembered.get(id);
    if (known != null) {
      if (known.openAt(now)) {
        known.usedAt(now);
        return known.at(now);
      }
      // Lapsed here; another node may have used it since, so the database decides.
      forget(id);
    }
    return fromDatabase(id, now);
  }

  private UnlockSession fromDatabase(SessionId id, Instant now) throws VaultException {
    // Read before the transaction: the policy has its own, and a transaction that waits for a
    // second connection while holding one starves the pool when every request does it at once.
    Duration idle = policy.get().idleTimeout();
    Check check = database.inTransaction(c -> check(c, id, now, idle));
    if (check.state() != State.OPEN) {
      forget(id);
    }
    return switch (check.state()) {
      case OPEN -> {
        remembered.put(id, check.session());
        yield check.session().at(now);
      }
      case IDLE -> throw new AccessCodeNeededException();
      case CLOSED -> throw new PassKeyNotPresentedException();
      case DISABLED -> throw new UserDisabledException(check.email());
    };
  }

  private static Check check(Connection c, SessionId id, Instant now, Duration idle)
      throws SQLException {
    // No row lock: a lock on the join would also lock the PassKey and the user, so every key
    // operation of one user would queue behind the others and behind their lockout checks. Two
    // checks racing only both move last_used_at on, which is harmless.
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT s.user_id, s.passkey_id, s.last_used_at, s.absolute_expiry, s.ended_at,"
                + " p.revoked_at, u.status, u.email FROM unlock_sessions s"
                + " JOIN passkeys p ON p.id = s.passkey_id JOIN users u ON u.id = s.user_id"
                + " WHERE s.token_hash = ?")) {
      s.setBytes(1, id.hash());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Check.CLOSED;
        }
        if (DISABLED.equals(r.getString(7))) {
          // Disabling ended the session too; the holder of its token is told why.
          return new Check(State.DISABLED, null, r.getString(8));
        }
        UUID userId = r.getObject(1, UUID.class);
        UUID passkeyId = r.getObject(2, UUID.class);
        Instant lastUsed = r.getObject(3, OffsetDateTime.class).toInstant();
        Instant absolute = r.getObject(4, OffsetDateTime.class).toInstant();
        if (closed(r, now)) {
          return Check.CLOSED;
        }
        if (!now.isBefore(lastUsed.plus(idle))) {
          return Check.IDLE;
        }
        try (PreparedStatement u =
            c.prepareStatement(
                "UPDATE unlock_sessions SET last_used_at = ?"
                    + " WHERE token_hash = ? AND ended_at IS NULL")) {
          u.setObject(1, utc(now));
          u.setBytes(2, id.hash());
          if (u.executeUpdate() != 1) {
            // Ended (logout) between the read and now.
            return Check.CLOSED;
          }
        }
        return new Check(
            State.OPEN, new RememberedSession(userId, passkeyId, absolute, idle, now), null);
      }
    }
  }

  /** Columns 4 to 7 of a session row joined with its PassKey and user: ended, revoked, status. */
  private static boolean closed(ResultSet r, Instant now) throws SQLException {
    Instant absolute = r.getObject(4, OffsetDateTime.class).toInstant();
    boolean ended = r.getObject(5, OffsetDateTime.class) != null;
    boolean revoked = r.getObject(6, OffsetDateTime.class) != null;
    boolean active = "ACTIVE".equals(r.getString(7));
    return ended || revoked || !active || !now.isBefore(absolute);
  }

  @Override
  public Set<SessionId> closedAmong(Connection transaction, Map<SessionId, Instant> lastUses)
      throws SQLException {
    Instant now = clock.instant();
    Set<SessionId> sessions = lastUses.keySet();
    List<SessionId> asked = new ArrayList<>(sessions);
    Map<SessionId, Instant> open = new HashMap<>();
    try (PreparedStatement s =
        transaction.prepareStatement(
            "SELECT s.token_hash, s.user_id, s.last_used_at, s.absolute_expiry, s.ended_at,"
                + " p.revoked_at, u.status FROM unlock_sessions s"
                + " JOIN passkeys p ON p.id = s.passkey_id JOIN users u ON u.id = s.user_id"
                + " WHERE s.token_hash IN ("
                + String.join(", ", Collections.nCopies(asked.size(), "?"))
                + ")")) {
      for (int i = 0; i < asked.size(); i++) {
        s.setBytes(i + 1, asked.get(i).hash());
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (!closed(r, now)) {
            open.put(
                SessionId.ofHash(r.getBytes(1)), r.getObject(3, OffsetDateTime.class).toInstant());
          }
        }
      }
    }
    // Key use counts for the idle timeout on every node; written at most once a second per
    // session, in one order, so that two nodes' batches never wait for each other in a circle.
    List<SessionId> stale = new ArrayList<>();
    for (Map.Entry<SessionId, Instant> entry : open.entrySet()) {
      if (!lastUses.get(entry.getKey()).isBefore(entry.getValue().plus(TOUCH_INTERVAL))) {
        stale.add(entry.getKey());
      }
    }
    if (!stale.isEmpty()) {
      Collections.sort(stale);
      try (PreparedStatement u =
          transaction.prepareStatement(
              "UPDATE unlock_sessions SET last_used_at = ? WHERE token_hash = ? AND ended_at IS NULL"
                  + " AND last_used_at < ?")) {
        for (SessionId id : stale) {
          u.setObject(1, utc(lastUses.get(id)));
          u.setBytes(2, id.hash());
          u.setObject(3, utc(lastUses.get(id)));
          u.addBatch();
        }
        u.executeBatch();
      }
    }
    Set<SessionId> closed = new HashSet<>(sessions);
    closed.removeAll(open.keySet());
    closed.forEach(this::forget);
    return closed;
  }

  @Override
  public void whenForgotten(SessionEndListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Forgets every session of this node whose idle or absolute expiry has passed, and with it what
   * was kept in memory for it. Runs by itself once a minute of use; a server may also call it on a
   * schedule.
   */
  public void forgetLapsed() {
    Instant now = clock.instant();
    for (Map.Entry<SessionId, RememberedSession> entry : remembered.entrySet()) {
      if (!entry.getValue().openAt(now)) {
        forget(entry.getKey());
      }
    }
  }

  /**
   * As {@link #forgetLapsed}, and also forgets the sessions the database says are closed although
   * this node saw them open: ended on another node (a browser signed out there), PassKey revoked,
   * user disabled. A node no request of such a session reaches again would otherwise keep its
   * decrypted keys until the idle time passed. Asked by the server once a minute.
   */
  public void forgetClosed() {
    forgetLapsed();
    if (remembered.isEmpty()) {
      return;
    }
    Map<SessionId, Instant> asked = new HashMap<>();
    // The epoch as "last used here": the check then moves no session's last use on.
    remembered.keySet().forEach(id -> asked.put(id, Instant.EPOCH));
    database.inTransaction(c -> closedAmong(c, asked));
  }

  private void forgetLapsedIfDue(Instant now) {
    Instant due = nextSweep.get();
    if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL))) {
      return;
    }
    forgetLapsed();
  }

  /** The session lengths now, for a session about to open ({@link SessionIssuer}). */
  SessionPolicy policy() {
    return policy.get();
  }

  /**
   * Remembers the session {@link SessionIssuer} just opened, and returns it as of {@code now}: its
   * first key use needs no database round trip.
   */
  UnlockSession remember(
      SessionId id,
      UUID userId,
      UUID passkeyId,
      Instant absoluteExpiry,
      Duration idleTimeout,
      Instant now) {
    RememberedSession session =
        new RememberedSession(userId, passkeyId, absoluteExpiry, idleTimeout, now);
    remembered.put(id, session);
    return session.at(now);
  }

  /** Forgets {@code id} on this node, with what was kept in memory for it. */
  void forget(SessionId id) {
    remembered.remove(id);
    for (SessionEndListener listener : listeners) {
      listener.forgotten(id);
    }
  }

  /**
   * Forgets at once, on this node, every session of {@code userId} it keeps in memory, with the
   * keys decrypted for them: for a user just disabled, whose sessions the database has ended. Other
   * nodes forget them at their next shipment of key uses (every request asks the database anyway).
   */
  public void forgetSessionsOf(UUID userId) {
    for (Map.Entry<SessionId, RememberedSession> entry : remembered.entrySet()) {
      if (entry.getValue().userId.equals(userId)) {
        forget(entry.getKey());
      }
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private enum State {
    OPEN,
    IDLE,
    CLOSED,
    DISABLED
  }

  /** A session this node has seen open: who, until when at most, and when it was last used here. */
  private static final class RememberedSession {
    private final UUID userId;
    private final UUID passkeyId;
    private final Instant absoluteExpiry;
    private final Duration idleTimeout;
    private volatile Instant lastUsed;

    RememberedSession(
        UUID userId,
        UUID passkeyId,
        Instant absoluteExpiry,
        Duration idleTimeout,
        Instant lastUsed) {
      this.userId = userId;
      this.passkeyId = passkeyId;
      this.absoluteExpiry = absoluteExpiry;
      this.idleTimeout = idleTimeout;
      this.lastUsed = lastUsed;
    }

    boolean openAt(Instant now) {
      return now.isBefore(absoluteExpiry) && now.isBefore(lastUsed.plus(idleTimeout));
    }

    void usedAt(Instant now) {
      if (now.isAfter(lastUsed)) {
        lastUsed = now;
      }
    }

    UnlockSession at(Instant now) {
      Instant idle = now.plus(idleTimeout);
      return new UnlockSession(
          userId, passkeyId, idle.isBefore(absoluteExpiry) ? idle : absoluteExpiry, absoluteExpiry);
    }

    @Override
    public String toString() {
      return "RememberedSession[user " + userId + ", PassKey " + passkeyId + "]";
    }
  }

  private record Check(State state, RememberedSession session, String email) {
    static final Check CLOSED = new Check(State.CLOSED, null, null);
    static final Check IDLE = new Check(State.IDLE, null, null);
  }
}
