package org.keymail.vault.lockout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.Administrator;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.passkey.PassKeyNotFoundException;
import org.keymail.vault.store.VaultDatabase;
import org.keymail.vault.user.UnknownUserException;

/**
 * The lockout state of users' PassKeys as administrators see and clear it. Clearing forgets a
 * PassKey's count of wrong access codes and lifts its lock, under the same row lock {@link
 * AccessCodeCheck} counts under, so a clear and a wrong code on another node never interleave; each
 * PassKey cleared is a {@code LOCKOUT_CLEAR} event naming the administrator, in the same
 * transaction.
 */
public final class Lockouts {

  /** The audit operation of an administrator clearing a PassKey's lockout. */
  public static final String LOCKOUT_CLEAR = "LOCKOUT_CLEAR";

  private final VaultDatabase database;
  private final AuditTrail audit;
  private final Clock clock;

  public Lockouts(VaultDatabase database, AuditTrail audit, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The lockout state of each of the user's PassKeys in use (not revoked), oldest first. */
  public List<PassKeyLockout> of(UUID userId) {
    return database.inTransaction(c -> read(c, userId, false));
  }

  /**
   * Clears the lockout of the user's PassKey named by {@code passKey} (its id, or its name when
   * that is the name of one PassKey in use), or of all their PassKeys in use when empty. PassKeys
   * with no wrong code and no lock are left alone and not reported.
   *
   * @return the PassKeys cleared, as they stood before
   * @throws UnknownUserException there is no such user
   * @throws PassKeyNotFoundException the user has no PassKey in use of that id or name
   * @throws PassKeyChoiceException several of their PassKeys in use have that name
   */
  public List<PassKeyLockout> clear(UUID userId, Optional<String> passKey, Administrator by)
      throws VaultException {
    Objects.requireNonNull(by, "by");
    return database.inTransaction(
        c -> {
          String email = email(c, userId);
          List<PassKeyLockout> chosen = read(c, userId, true);
          if (passKey.isPresent()) {
            chosen = choose(chosen, passKey.get().strip(), email);
          }
          Instant now = clock.instant();
          List<PassKeyLockout> cleared = new ArrayList<>();
          for (PassKeyLockout p : chosen) {
            if (p.wrongCodes() == 0 && p.lockedUntil().isEmpty()) {
              continue;
            }
            try (PreparedStatement s =
                c.prepareStatement(
                    "UPDATE passkeys SET failed_attempts = 0, locked_until = NULL WHERE id = ?")) {
              s.setObject(1, p.passkeyId());
              s.executeUpdate();
            }
            audit.record(
                c, by.did(LOCKOUT_CLEAR, email, AuditResult.SUCCESS, describe(p, userId, now)));
            cleared.add(p);
          }
          return cleared;
        });
  }

  private static List<PassKeyLockout> choose(
      List<PassKeyLockout> inUse, String wanted, String email) throws VaultException {
    List<PassKeyLockout> byId =
        inUse.stream().filter(p -> p.passkeyId().toString().equalsIgnoreCase(wanted)).toList();
    if (!byId.isEmpty()) {
      return byId;
    }
    List<PassKeyLockout> byName = inUse.stream().filter(p -> p.name().equals(wanted)).toList();
    if (byName.size() > 1) {
      throw new PassKeyChoiceException(
          email
              + " has "
              + byName.size()
              + " PassKeys named \""
              + wanted
              + "\"; name one by its id ('keymail admin user show "
              + email
              + "' lists them)");
    }
    if (byName.isEmpty()) {
      throw new PassKeyNotFoundException(
          email + " has no PassKey in use with the id or name \"" + wanted + "\"");
    }
    return byName;
  }

  private static String describe(PassKeyLockout p, UUID userId, Instant now) {
    String what =
        p.lockedAt(now)
            ? "was locked until "
                + p.lockedUntil().get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + " after "
                + p.wrongCodes()
                + " wrong access codes"
            : p.wrongCodes()
                + (p.wrongCodes() == 1 ? " wrong access code" : " wrong access codes")
                + " forgotten";
    return "user=" + userId + " PassKey " + p.passkeyId() + " (" + p.name() + ") " + what;
  }

  private static String email(Connection c, UUID userId) throws SQLException, VaultException {
    try (PreparedStatement s = c.prepareStatement("SELECT email FROM users WHERE id = ?")) {
      s.setObject(1, userId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new UnknownUserException("There is no keymail user with the id " + userId);
        }
        return r.getString(1);
      }
    }
  }

  /** The user's PassKeys in use, oldest first; with {@code lock}, their rows stay locked. */
  private static List<PassKeyLockout> read(Connection c, UUID userId, boolean lock)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, name, failed_attempts, locked_until FROM passkeys"
                + " WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at, id"
                + (lock ? " FOR UPDATE" : ""))) {
      s.setObject(1, userId);
      List<PassKeyLockout> found = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          OffsetDateTime until = r.getObject(4, OffsetDateTime.class);
          found.add(
              new PassKeyLockout(
                  r.getObject(1, UUID.class),
                  r.getString(2),
                  r.getInt(3),
                  Optional.ofNullable(until).map(OffsetDateTime::toInstant)));
        }
      }
      return found;
    }
  }
}
