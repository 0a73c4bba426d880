package org.keymail.vault.session;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * Opens and ends unlock sessions: a presented PassKey plus its right access code opens one (an
 * {@code UNLOCK} event), logout ends it (a {@code LOCK} event). The token is 32 random bytes handed
 * out once; only its SHA-256 goes into {@code unlock_sessions}, so a copy of the database opens no
 * session. A session opened or ended here is remembered or forgotten at once by the {@link
 * UnlockSessions} of this node, which answers every later check. Safe for use by several threads.
 */
public final class SessionIssuer {

  private static final String DISABLED = "DISABLED";

  private final VaultDatabase database;
  private final AccessCodeCheck accessCodes;
  private final AuditTrail audit;
  private final Clock clock;
  private final SecureRandom random;
  private final UnlockSessions sessions;

  /**
   * @param sessions this node's sessions, which take the lengths from their policy and remember the
   *     sessions opened here
   */
  public SessionIssuer(
      VaultDatabase database,
      AccessCodeCheck accessCodes,
      AuditTrail audit,
      Clock clock,
      SecureRandom random,
      UnlockSessions sessions) {
    this.database = Objects.requireNonNull(database, "database");
    this.accessCodes = Objects.requireNonNull(accessCodes, "accessCodes");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
  }

  /**
   * Checks the access code of the PassKey just presented and opens a session for its owner. Wipes
   * {@code accessCode}.
   *
   * @throws UserDisabledException the owner is disabled: refused before the code is looked at, so
   *     it neither counts towards a lockout nor tells whether it was right
   */
  public OpenedSession open(AssertedPassKey passKey, char[] accessCode, String clientAddress)
      throws VaultException {
    try {
      refuseDisabled(passKey, clientAddress);
    } catch (UserDisabledException disabled) {
      if (accessCode != null) {
        java.util.Arrays.fill(accessCode, '\0');
      }
      throw disabled;
    }
    accessCodes.verify(passKey.passkeyId(), accessCode, clientAddress);
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    SessionToken token = SessionToken.of(secret);
    SessionId id = SessionId.of(token);
    Instant now = clock.instant();
    SessionPolicy lengths = sessions.policy();
    Instant absolute = now.plus(lengths.absoluteTimeout());
    database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO unlock_sessions (token_hash, user_id, passkey_id, created_at,"
                      + " last_used_at, absolute_expiry) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setBytes(1, id.hash());
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
        sessions.remember(
            id, passKey.userId(), passKey.passkeyId(), absolute, lengths.idleTimeout(), now));
  }

  private void refuseDisabled(AssertedPassKey passKey, String clientAddress) throws VaultException {
    String disabled =
        database.inTransaction(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement("SELECT email, status FROM users WHERE id = ?")) {
                s.setObject(1, passKey.userId());
                try (ResultSet r = s.executeQuery()) {
                  if (!r.next() || !DISABLED.equals(r.getString(2))) {
                    return null;
                  }
                  String email = r.getString(1);
                  audit.record(
                      c,
                      new AuditEvent(
                          passKey.userId(),
                          passKey.passkeyId(),
                          "AUTHENTICATE",
                          "unlock session",
                          clientAddress,
                          AuditResult.DENIED,
                          "user disabled"));
                  return email;
                }
              }
            });
    if (disabled != null) {
      throw new UserDisabledException(disabled);
    }
  }

  /** Ends the session (logout). Ending an unknown or ended session does nothing. */
  public void end(SessionToken token, String clientAddress) {
    Instant now = clock.instant();
    SessionId id = SessionId.of(token);
    sessions.forget(id);
    database.inTransaction(
        c -> {
          UUID userId = null;
          UUID passkeyId = null;
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT user_id, passkey_id FROM unlock_sessions WHERE token_hash = ? AND"
                      + " ended_at IS NULL FOR UPDATE")) {
            s.setBytes(1, id.hash());
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
            s.setBytes(2, id.hash());
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

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
