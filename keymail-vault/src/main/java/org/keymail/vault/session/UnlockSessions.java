package org.keymail.vault.session;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.lockout.AccessCodeCheck;
import org.keymail.vault.passkey.AssertedPassKey;
import org.keymail.vault.store.VaultDatabase;

/**
 * Unlock sessions in table {@code unlock_sessions}: opened by a presented PassKey plus its right
 * access code, asked before every use of a private key, ended by logout or time. Only the token's
 * SHA-256 is stored, so a copy of the database opens no session. Because every check reads the
 * PassKey and the user, revoking a PassKey or disabling a user stops their sessions at once, on
 * every node.
 */
public final class UnlockSessions implements SessionGate {

  private final VaultDatabase database;
  private final AccessCodeCheck accessCodes;
  private final AuditTrail audit;
  private final Clock clock;
  private final SecureRandom random;
  private final SessionPolicy policy;

  public UnlockSessions(
      VaultDatabase database,
      AccessCodeCheck accessCodes,
      AuditTrail audit,
      Clock clock,
      SecureRandom random,
      SessionPolicy policy) {
    this.database = Objects.requireNonNull(database, "database");
    this.accessCodes = Objects.requireNonNull(accessCodes, "accessCodes");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * Checks the access code of the PassKey just presented and opens a session for its owner. Wipes
   * {@code accessCode}.
   */
  public OpenedSession open(AssertedPassKey passKey, char[] accessCode, String clientAddress)
      throws VaultException, SQLException {
    accessCodes.verify(passKey.passkeyId(), accessCode, clientAddress);
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    SessionToken token = SessionToken.of(secret);
    Instant now = clock.instant();
    Instant absolute = now.plus(policy.absoluteTimeout());
    database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO unlock_sessions (token_hash, user_id, passkey_id, created_at,"
                      + " last_used_at, absolute_expiry) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setBytes(1, hash(token));
            s.setObject(2, passKey.userId());
            s.setObject(3, passKey.passkeyId());
            s.setObject(4, utc(now));
            s.setObject(5, utc(now));
            s.setObject(6, utc(absolute));
            s.executeUpdate();
          }
          audit.record(
              c,
              new AuditEvent(
                  passKey.userId(),
                  passKey.passkeyId(),
                  "UNLOCK",
                  "unlock session",
                  clientAddress,
                  AuditResult.SUCCESS,
                  null));
          return null;
        });
    java.util.Arrays.fill(secret, (byte) 0);
    return new OpenedSession(
        token,
        new UnlockSession(
            passKey.userId(), passKey.passkeyId(), idleExpiry(now, absolute), absolute));
  }

  @Override
  public UnlockSession require(SessionToken token) throws VaultException {
    if (token == null) {
      throw new PassKeyNotPresentedException();
    }
    Instant now = clock.instant();
    Check check;
    try {
      check = database.inTransaction(c -> check(c, token, now));
    } catch (SQLException e) {
      throw new SessionStoreException(e);
    }
    return switch (check.state()) {
      case OPEN -> check.session();
      case IDLE -> throw new AccessCodeNeededException();
      case CLOSED -> throw new PassKeyNotPresentedException();
    };
  }

  private Check check(Connection c, SessionToken token, Instant now) throws SQLException {
    // No row lock: a lock on the join would also lock the PassKey and the user, so every key
    // operation of one user would queue behind the others and behind their lockout checks. Two
    // checks racing only both move last_used_at on, which is harmless.
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT s.user_id, s.passkey_id, s.last_used_at, s.absolute_expiry, s.ended_at,"
                + " p.revoked_at, u.status FROM unlock_sessions s"
                + " JOIN passkeys p ON p.id = s.passkey_id JOIN users u ON u.id = s.user_id"
                + " WHERE s.token_hash = ?")) {
      s.setBytes(1, hash(token));
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Check.CLOSED;
        }
        UUID userId = r.getObject(1, UUID.class);
        UUID passkeyId = r.getObject(2, UUID.class);
        Instant lastUsed = r.getObject(3, OffsetDateTime.class).toInstant();
        Instant absolute = r.getObject(4, OffsetDateTime.class).toInstant();
        boolean ended = r.getObject(5, OffsetDateTime.class) != null;
        boolean revoked = r.getObject(6, OffsetDateTime.class) != null;
        boolean active = "ACTIVE".equals(r.getString(7));
        if (ended || revoked || !active || !now.isBefore(absolute)) {
          return Check.CLOSED;
        }
        if (!now.isBefore(lastUsed.plus(policy.idleTimeout()))) {
          return Check.IDLE;
        }
        try (PreparedStatement u =
            c.prepareStatement(
                "UPDATE unlock_sessions SET last_used_at = ?"
                    + " WHERE token_hash = ? AND ended_at IS NULL")) {
          u.setObject(1, utc(now));
          u.setBytes(2, hash(token));
          if (u.executeUpdate() != 1) {
            // Ended (logout) between the read and now.
            return Check.CLOSED;
          }
        }
        return new Check(
            State.OPEN, new UnlockSession(userId, passkeyId, idleExpiry(now, absolute), absolute));
      }
    }
  }

  /** Ends the session (logout). Ending an unknown or ended session does nothing. */
  public void end(SessionToken token, String clientAddress) throws SQLException {
    Instant now = clock.instant();
    database.inTransaction(
        c -> {
          UUID userId = null;
          UUID passkeyId = null;
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT user_id, passkey_id FROM unlock_sessions WHERE token_hash = ? AND"
                      + " ended_at IS NULL FOR UPDATE")) {
            s.setBytes(1, hash(token));
            try (ResultSet r = s.executeQuery()) {
              if (r.next()) {
                userId = r.getObject(1, UUID.class);
                passkeyId = r.getObject(2, UUID.class);
              }
            }
          }
          if (userId == null) {
            return null;
          }
          try (PreparedStatement s =
              c.prepareStatement("UPDATE unlock_sessions SET ended_at = ? WHERE token_hash = ?")) {
            s.setObject(1, utc(now));
            s.setBytes(2, hash(token));
            s.executeUpdate();
          }
          audit.record(
              c,
              new AuditEvent(
                  userId,
                  passkeyId,
                  "LOCK",
                  "unlock session",
                  clientAddress,
                  AuditResult.SUCCESS,
                  "ended by the user"));
          return null;
        });
  }

  private Instant idleExpiry(Instant now, Instant absolute) {
    Instant idle = now.plus(policy.idleTimeout());
    return idle.isBefore(absolute) ? idle : absolute;
  }

  private static byte[] hash(SessionToken token) {
    byte[] secret = token.bytes();
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    } finally {
      java.util.Arrays.fill(secret, (byte) 0);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private enum State {
    OPEN,
    IDLE,
    CLOSED
  }

  private record Check(State state, UnlockSession session) {
    static final Check CLOSED = new Check(State.CLOSED, null);
    static final Check IDLE = new Check(State.IDLE, null);
  }
}
