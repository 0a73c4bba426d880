package org.keymail.vault.lockout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.keymail.vault.VaultException;
import org.keymail.vault.accesscode.AccessCodeHasher;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.store.VaultDatabase;

/**
 * Checks a PassKey's access code and enforces its lockout. The PassKey's row is locked ({@code
 * SELECT ... FOR UPDATE}) for the whole check, so attempts against one PassKey run one after the
 * other on every node sharing the database: 50 parallel wrong codes are 3 checks and 47 refusals. A
 * locked PassKey is refused without looking at the code. Every outcome is an audit event in the
 * same transaction.
 */
public final class AccessCodeCheck {

  private final VaultDatabase database;
  private final AccessCodeHasher hasher;
  private final AuditTrail audit;
  private final Clock clock;
  private final LockoutPolicy policy;

  public AccessCodeCheck(
      VaultDatabase database,
      AccessCodeHasher hasher,
      AuditTrail audit,
      Clock clock,
      LockoutPolicy policy) {
    this.database = Objects.requireNonNull(database, "database");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * Returns when {@code code} is this PassKey's access code, and resets its count of wrong codes.
   * Wipes {@code code} before returning.
   *
   * @throws AccessCodeLockedException the PassKey is locked (now or by this wrong code)
   * @throws AccessCodeWrongException the code is wrong; tries are left
   * @throws PassKeyUnusableException the PassKey is unknown or revoked
   */
  public void verify(UUID passkeyId, char[] code, String clientAddress) throws VaultException {
    Objects.requireNonNull(passkeyId, "passkeyId");
    try {
      Outcome outcome = database.inTransaction(c -> check(c, passkeyId, code, clientAddress));
      outcome.raise(clock, policy);
    } finally {
      if (code != null) {
        Arrays.fill(code, '\0');
      }
    }
  }

  private Outcome check(Connection c, UUID passkeyId, char[] code, String clientAddress)
      throws SQLException {
    Instant now = clock.instant();
    Optional<LockoutState> found = lock(c, passkeyId);
    if (found.isEmpty()) {
      event(
          c, null, passkeyId, clientAddress, "AUTHENTICATE", AuditResult.DENIED, "unknown PassKey");
      return new Outcome(Verdict.UNKNOWN, 0, null);
    }
    LockoutState state = found.get();
    UUID userId = state.userId();
    Instant lockedUntil = state.lockedUntil();
    int failed = state.failed();
    if (state.revokedAt() != null) {
      event(
          c,
          userId,
          passkeyId,
          clientAddress,
          "AUTHENTICATE",
          AuditResult.DENIED,
          "PassKey revoked");
      return new Outcome(Verdict.REVOKED, 0, null);
    }
    if (lockedUntil != null && now.isBefore(lockedUntil)) {
      event(
          c,
          userId,
          passkeyId,
          clientAddress,
          "AUTHENTICATE",
          AuditResult.DENIED,
          "PassKey locked");
      return new Outcome(Verdict.LOCKED, failed, lockedUntil);
    }
    if (lockedUntil != null) {
      // The lock has run its time: the PassKey starts again with a clean count.
      failed = 0;
    }
    if (code != null && hasher.matches(code, state.accessCodeHash())) {
      update(c, passkeyId, 0, null, now);
      event(
          c,
          userId,
          passkeyId,
          clientAddress,
          "AUTHENTICATE",
          AuditResult.SUCCESS,
          "access code right");
      return new Outcome(Verdict.RIGHT, 0, null);
    }
    failed++;
    event(
        c,
        userId,
        passkeyId,
        clientAddress,
        "AUTHENTICATE",
        AuditResult.FAILURE,
        "wrong access code");
    if (failed >= policy.wrongCodesBeforeLock()) {
      Instant until = now.plus(policy.lockDuration());
      update(c, passkeyId, failed, until, null);
      event(
          c,
          userId,
          passkeyId,
          clientAddress,
          "LOCKOUT",
          AuditResult.DENIED,
          failed + " wrong access codes; locked until " + until);
      return new Outcome(Verdict.LOCKED, failed, until);
    }
    update(c, passkeyId, failed, null, null);
    return new Outcome(Verdict.WRONG, failed, null);
  }

  /** Reads the PassKey's lockout state and holds its row lock until the transaction ends. */
  private static Optional<LockoutState> lock(Connection c, UUID passkeyId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT user_id, access_code_hash, failed_attempts, locked_until, revoked_at"
                + " FROM passkeys WHERE id = ? FOR UPDATE")) {
      s.setObject(1, passkeyId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new LockoutState(
                r.getObject(1, UUID.class),
                r.getString(2),
                r.getInt(3),
                instant(r, 4),
                instant(r, 5)));
      }
    }
  }

  private record LockoutState(
      UUID userId, String accessCodeHash, int failed, Instant lockedUntil, Instant revokedAt) {}

  private static void update(
      Connection c, UUID passkeyId, int failed, Instant lockedUntil, Instant usedAt)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE passkeys SET failed_attempts = ?, locked_until = ?,"
                + " last_used_at = COALESCE(?, last_used_at) WHERE id = ?")) {
      s.setInt(1, failed);
      s.setObject(
          2, lockedUntil == null ? null : OffsetDateTime.ofInstant(lockedUntil, ZoneOffset.UTC));
      s.setObject(3, usedAt == null ? null : OffsetDateTime.ofInstant(usedAt, ZoneOffset.UTC));
      s.setObject(4, passkeyId);
      s.executeUpdate();
    }
  }

  private void event(
      Connection c,
      UUID userId,
      UUID passkeyId,
      String clientAddress,
      String operation,
      AuditResult result,
      String detail)
      throws SQLException {
    audit.record(
        c,
        new AuditEvent(userId, passkeyId, operation, "access code", clientAddress, result, detail));
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private enum Verdict {
    RIGHT,
    WRONG,
    LOCKED,
    REVOKED,
    UNKNOWN
  }

  /** Decided inside the transaction, raised after it committed, so the count is kept. */
  private record Outcome(Verdict verdict, int failed, Instant lockedUntil) {
    void raise(Clock clock, LockoutPolicy policy) throws VaultException {
      switch (verdict) {
        case RIGHT -> {}
        case WRONG ->
            throw new AccessCodeWrongException(
                policy.wrongCodesBeforeLock() - failed, policy.lockDuration());
        case LOCKED ->
            throw new AccessCodeLockedException(
                lockedUntil, clock.getZone(), Math.max(failed, policy.wrongCodesBeforeLock()));
        case REVOKED -> throw PassKeyUnusableException.revoked();
        case UNKNOWN -> throw PassKeyUnusableException.unknown();
      }
    }
  }
}
