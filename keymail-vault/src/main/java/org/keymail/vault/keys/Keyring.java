package org.keymail.vault.keys;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.store.VaultDatabase;

/**
 * A user's keys and certificates as the vault lists them, current and archived, and the archiving
 * of a key: an archived key and its certificates are no longer offered for new mail but are kept,
 * and the key still decrypts old mail. Lists hold public parts only. Safe for use by several
 * threads.
 */
public final class Keyring {

  private final VaultDatabase database;
  private final AuditTrail audit;
  private final Clock clock;
  private final KeyHandles handles;

  /**
   * @param handles told to forget a key when it is archived, in every session that decrypted it
   */
  public Keyring(VaultDatabase database, AuditTrail audit, Clock clock, KeyHandles handles) {
    this.database = Objects.requireNonNull(database, "database");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.handles = Objects.requireNonNull(handles, "handles");
  }

  /** Every certificate of {@code userId}: current and archived, their own and their chains' CAs. */
  public List<VaultCertificate> certificates(UUID userId) {
    return database.inTransaction(connection -> StoredCertificates.ofUser(connection, userId));
  }

  /** Every vault key of {@code userId}, current and archived, oldest first. */
  public List<VaultKey> keys(UUID userId) throws VaultException {
    List<StoredKeys.Row> rows =
        database.inTransaction(connection -> StoredKeys.ofUser(connection, userId));
    List<VaultKey> keys = new ArrayList<>();
    for (StoredKeys.Row row : rows) {
      keys.add(row.toVaultKey());
    }
    return keys;
  }

  /**
   * Archives vault key {@code keyId} and its certificates: they are no longer offered for new mail,
   * but are kept, and the key still decrypts old mail.
   *
   * @throws UnknownKeyException when there is no such key
   */
  public void archive(UUID keyId) throws VaultException {
    Timestamp now = Timestamp.from(clock.instant());
    database.inTransaction(
        connection -> {
          StoredKeys.Row row = StoredKeys.load(connection, keyId);
          try (PreparedStatement key =
                  connection.prepareStatement(
                      "UPDATE vault_keys SET archived_at = ? WHERE id = ? AND archived_at IS NULL");
              PreparedStatement certificates =
                  connection.prepareStatement(
                      "UPDATE certificates SET archived_at = ? WHERE key_id = ? AND archived_at IS NULL")) {
            key.setTimestamp(1, now);
            key.setObject(2, keyId);
            key.executeUpdate();
            certificates.setTimestamp(1, now);
            certificates.setObject(2, keyId);
            certificates.executeUpdate();
          }
          audit.record(
              connection,
              AuditEvent.of(row.userId(), "ARCHIVE_KEY", "key " + keyId, AuditResult.SUCCESS));
          return null;
        });
    handles.forgetKey(keyId);
  }

  @Override
  public String toString() {
    return "Keyring[" + database.product() + "]";
  }
}
