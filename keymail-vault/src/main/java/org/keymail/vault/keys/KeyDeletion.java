package org.keymail.vault.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.store.VaultDatabase;

/**
 * The one way a decryption key is ever lost: an active administrator deletes a vault key for good,
 * giving a reason, and the {@code KEY_DELETE} audit event (who, which key, whose, why) is stored in
 * the same transaction; a refusal is audited too. The key's certificates stay, archived and no
 * longer linked to a key; mail encrypted only to it can no longer be read. Safe for use by several
 * threads.
 */
public final class KeyDeletion {

  private final VaultDatabase database;
  private final AuditTrail audit;
  private final Clock clock;
  private final KeyHandles handles;

  /**
   * @param handles told to forget a deleted key, in every session that decrypted it
   */
  public KeyDeletion(VaultDatabase database, AuditTrail audit, Clock clock, KeyHandles handles) {
    this.database = Objects.requireNonNull(database, "database");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.handles = Objects.requireNonNull(handles, "handles");
  }

  /**
   * Deletes vault key {@code keyId} for good, as {@code administratorId} asks for {@code reason}.
   *
   * @throws NotAdministratorException when {@code administratorId} is not an active administrator
   * @throws DeletionReasonException when {@code reason} is blank
   * @throws UnknownKeyException when there is no such key
   */
  public void deleteKey(UUID keyId, UUID administratorId, String reason, String clientAddress)
      throws VaultException {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(administratorId, "administratorId");
    if (reason == null || reason.isBlank()) {
      throw new DeletionReasonException(
          "say why the key is deleted: the audit log keeps the reason");
    }
    String why = reason.strip();
    if (why.length() > 900) {
      throw new DeletionReasonException("the reason is longer than 900 characters");
    }
    Timestamp now = Timestamp.from(clock.instant());
    boolean deleted =
        database.inTransaction(
            connection -> {
              if (!activeAdministrator(connection, administratorId)) {
                return false;
              }
              StoredKeys.Row row = StoredKeys.load(connection, keyId);
              try (PreparedStatement certificates =
                      connection.prepareStatement(
                          "UPDATE certificates SET key_id = NULL, archived_at = COALESCE(archived_at, ?) WHERE key_id = ?");
                  PreparedStatement key =
                      connection.prepareStatement("DELETE FROM vault_keys WHERE id = ?")) {
                certificates.setTimestamp(1, now);
                certificates.setObject(2, keyId);
                certificates.executeUpdate();
                key.setObject(1, keyId);
                key.executeUpdate();
              }
              audit.record(
                  connection,
                  new AuditEvent(
                      administratorId,
                      null,
                      "KEY_DELETE",
                      "key "
                          + keyId
                          + " ("
                          + row.algorithm().displayName()
                          + ") of user "
                          + row.userId(),
                      clientAddress,
                      AuditResult.SUCCESS,
                      why));
              return true;
            });
    if (!deleted) {
      KeyEvents.recordAlone(
          database,
          audit,
          new AuditEvent(
              administratorId,
              null,
              "KEY_DELETE",
              "key " + keyId,
              clientAddress,
              AuditResult.DENIED,
              "not an active administrator; reason given: " + why));
      throw new NotAdministratorException("only an administrator may delete a vault key");
    }
    handles.forgetKey(keyId);
  }

  /**
   * Whether vault key {@code keyId} belongs to {@code user}, given as a user id or an e-mail
   * address (as an administrator names people).
   */
  public boolean isKeyOf(UUID keyId, String user) {
    String named = user.strip();
    return database.inTransaction(
        connection -> {
          try (PreparedStatement s =
              connection.prepareStatement(
                  "SELECT 1 FROM vault_keys k JOIN users u ON u.id = k.user_id"
                      + " WHERE k.id = ? AND (CAST(u.id AS VARCHAR(36)) = ? OR LOWER(u.email) = LOWER(?))")) {
            s.setObject(1, keyId);
            s.setString(2, named.toLowerCase(Locale.ROOT));
            s.setString(3, named);
            try (var r = s.executeQuery()) {
              return r.next();
            }
          }
        });
  }

  private static boolean activeAdministrator(Connection connection, UUID userId)
      throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement("SELECT role, status FROM users WHERE id = ?")) {
      s.setObject(1, userId);
      try (var r = s.executeQuery()) {
        return r.next() && "ADMIN".equals(r.getString(1)) && "ACTIVE".equals(r.getString(2));
      }
    }
  }

  @Override
  public String toString() {
    return "KeyDeletion[" + database.product() + "]";
  }
}
