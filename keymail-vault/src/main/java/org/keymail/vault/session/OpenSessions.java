package org.keymail.vault.session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.keymail.vault.audit.Administrator;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.store.VaultDatabase;

/**
 * A user's own unlock sessions as they see them on their dashboard: the ones still open (not ended,
 * not past either expiry, their PassKey not revoked), and ending one of them from another browser.
 * Sessions are named by their {@link SessionId}, never by their token.
 */
public final class OpenSessions {

  /** One open session: which PassKey opened it, when, and when it was last used. */
  public record OpenSession(
      SessionId id, UUID passkeyId, String passkeyName, Instant startedAt, Instant lastUsedAt) {}

  private final VaultDatabase database;
  private final UnlockSessions sessions;
  private final AuditTrail audit;
  private final Clock clock;

  public OpenSessions(
      VaultDatabase database, UnlockSessions sessions, AuditTrail audit, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@code userId}'s open sessions, the most recently used first. */
  public List<OpenSession> of(UUID userId) {
    Instant now = clock.instant();
    Duration idle = sessions.policy().idleTimeout();
    return database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT s.token_hash, s.passkey_id, p.name, s.created_at, s.last_used_at"
                      + " FROM unlock_sessions s JOIN passkeys p ON p.id = s.passkey_id"
                      + " WHERE s.user_id = ? AND s.ended_at IS NULL AND p.revoked_at IS NULL"
                      + " AND s.absolute_expiry > ? AND s.last_used_at > ?"
                      + " ORDER BY s.last_used_at DESC")) {
            s.setObject(1, userId);
            s.setObject(2, utc(now));
            s.setObject(3, utc(now.minus(idle)));
            List<OpenSession> open = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                open.add(
                    new OpenSession(
                        SessionId.ofHash(r.getBytes(1)),
                        r.getObject(2, UUID.class),
                        r.getString(3),
                        r.getObject(4, OffsetDateTime.class).toInstant(),
                        r.getObject(5, OffsetDateTime.class).toInstant()));
              }
            }
            return open;
          }
        });
  }

  /**
   * Ends {@code userId}'s session {@code id}; false when the user has no such open session (another
   * user's session is never touched).
   */
  public boolean end(UUID userId, SessionId id, String clientAddress) {
    return end(
        userId,
        id,
        passkeyId ->
            new AuditEvent(
                userId,
                passkeyId,
                "LOCK",
                "unlock session",
                clientAddress,
                AuditResult.SUCCESS,
                "ended from the dashboard"));
  }

  /**
   * An administrator ends {@code userId}'s session {@code id}; false when the user has no such open
   * session. The {@code LOCK} event names the administrator, and whose session it was.
   */
  public boolean endByAdministrator(UUID userId, SessionId id, Administrator by) {
    Objects.requireNonNull(by, "by");
    return end(
        userId,
        id,
        passkeyId ->
            by.did(
                "LOCK",
                "unlock session",
                AuditResult.SUCCESS,
                "ended by an administrator: user=" + userId + " passkey=" + passkeyId));
  }

  /**
   * When the user's session {@code id} was opened (the PassKey and access code presented), while it
   * is still open.
   */
  public Optional<Instant> startedAt(UUID userId, SessionId id) {
    return of(userId).stream()
        .filter(s -> s.id().equals(id))
        .map(OpenSession::startedAt)
        .findFirst();
  }

  private boolean end(UUID userId, SessionId id, Function<UUID, AuditEvent> event) {
    Instant now = clock.instant();
    boolean ended =
        database.inTransaction(
            c -> {
              UUID passkeyId;
              try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT passkey_id FROM unlock_sessions WHERE token_hash = ? AND user_id = ?"
                          + " AND ended_at IS NULL FOR UPDATE")) {
                s.setBytes(1, id.hash());
                s.setObject(2, userId);
                try (ResultSet r = s.executeQuery()) {
                  if (!r.next()) {
                    return false;
                  }
                  passkeyId = r.getObject(1, UUID.class);
                }
              }
              try (PreparedStatement u =
                  c.prepareStatement(
                      "UPDATE unlock_sessions SET ended_at = ? WHERE token_hash = ?")) {
                u.setObject(1, utc(now));
                u.setBytes(2, id.hash());
                u.executeUpdate();
              }
              audit.record(c, event.apply(passkeyId));
              return true;
            });
    if (ended) {
      sessions.forget(id);
    }
    return ended;
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
