package org.keymail.vault.passkey;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.Administrator;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.store.VaultDatabase;

/**
 * A user's PassKeys as they manage them: listed, renamed and revoked, each change with its audit
 * event. PassKeys come in through {@link PassKeyRegistration} and are presented through {@link
 * PassKeyAssertion}. Safe for use by several threads.
 */
public final class PassKeys {

  private final VaultDatabase database;
  private final AuditTrail audit;
  private final Clock clock;

  public PassKeys(VaultDatabase database, AuditTrail audit, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The user's PassKeys, revoked ones included, oldest first. */
  public List<PassKeyInfo> list(UUID userId) {
    return database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, name, kind, created_at, last_used_at, revoked_at FROM passkeys"
                      + " WHERE user_id = ? ORDER BY created_at, id")) {
            s.setObject(1, userId);
            List<PassKeyInfo> keys = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                keys.add(
                    new PassKeyInfo(
                        r.getObject(1, UUID.class),
                        r.getString(2),
                        PassKeyKind.valueOf(r.getString(3)),
                        r.getObject(4, OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(r.getObject(5, OffsetDateTime.class))
                            .map(OffsetDateTime::toInstant),
                        Optional.ofNullable(r.getObject(6, OffsetDateTime.class))
                            .map(OffsetDateTime::toInstant)));
              }
            }
            return keys;
          }
        });
  }

  /** Gives one of the user's PassKeys a new name. */
  public void rename(UUID userId, UUID passkeyId, String name) throws VaultException {
    String label = PassKeyNames.check(name);
    database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("UPDATE passkeys SET name = ? WHERE id = ? AND user_id = ?")) {
            s.setString(1, label);
            s.setObject(2, passkeyId);
            s.setObject(3, userId);
            if (s.executeUpdate() != 1) {
              throw new PassKeyNotFoundException("You have no PassKey with that id");
            }
          }
          audit.record(
              c,
              new AuditEvent(
                  userId, passkeyId, "RENAME_PASSKEY", label, null, AuditResult.SUCCESS, null));
          return null;
        });
  }

  /**
   * An administrator revokes one of {@code userId}'s PassKeys for good, the last one too (the user
   * then cannot sign in until invited again). The {@code REVOKE_PASSKEY} event names the
   * administrator, and whose PassKey it was.
   *
   * @return how many PassKeys the user still has in use
   */
  public int revokeByAdministrator(UUID userId, UUID passkeyId, Administrator by)
      throws VaultException {
    Objects.requireNonNull(by, "by");
    return database.inTransaction(
        c -> {
          String name;
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT name FROM passkeys WHERE id = ? AND user_id = ? AND revoked_at IS NULL"
                      + " FOR UPDATE")) {
            s.setObject(1, passkeyId);
            s.setObject(2, userId);
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                throw new PassKeyNotFoundException(
                    "This user has no PassKey with that id that is still in use");
              }
              name = r.getString(1);
            }
          }
          try (PreparedStatement s =
              c.prepareStatement("UPDATE passkeys SET revoked_at = ? WHERE id = ?")) {
            s.setObject(1, Ceremonies.utc(clock.instant()));
            s.setObject(2, passkeyId);
            s.executeUpdate();
          }
          int left;
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM passkeys WHERE user_id = ? AND revoked_at IS NULL")) {
            s.setObject(1, userId);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              left = r.getInt(1);
            }
          }
          audit.record(
              c,
              by.did(
                  "REVOKE_PASSKEY",
                  name,
                  AuditResult.SUCCESS,
                  "by an administrator: user="
                      + userId
                      + " passkey="
                      + passkeyId
                      + (left == 0 ? "; their last PassKey" : "")));
          return left;
        });
  }

  /**
   * Revokes one of the user's PassKeys for good. Its unlock sessions stop working at once, since
   * every session check looks at the PassKey.
   */
  public void revoke(UUID userId, UUID passkeyId, String clientAddress) throws VaultException {
    database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE passkeys SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at"
                      + " IS NULL")) {
            s.setObject(1, Ceremonies.utc(clock.instant()));
            s.setObject(2, passkeyId);
            s.setObject(3, userId);
            if (s.executeUpdate() != 1) {
              throw new PassKeyNotFoundException(
                  "You have no PassKey with that id that is still in use");
            }
          }
          audit.record(
              c,
              new AuditEvent(
                  userId,
                  passkeyId,
                  "REVOKE_PASSKEY",
                  "PassKey",
                  clientAddress,
                  AuditResult.SUCCESS,
                  null));
          return null;
        });
  }
}
