package org.keymail.vault.protect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.store.VaultDatabase;

/**
 * Moves every stored key (users' keys and the certificate authority's) from one key-encryption key
 * to another: each data key is unwrapped with the old KEK and wrapped with the new one, while the
 * key ciphertexts stay as they are.
 *
 * <p>The whole rotation is one transaction together with its {@code ROTATE_KEK} audit event and the
 * old KEK's retirement: a crash (or a key that does not unwrap) leaves every key under the old KEK,
 * never some under each.
 */
public final class KekRotation {

  private final Clock clock;

  public KekRotation(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** What a rotation did. */
  public record Report(String fromKekId, String toKekId, int keysRewrapped) {}

  /**
   * Re-wraps every data key wrapped by {@code from} under {@code to}, retires {@code from} and
   * records a {@code ROTATE_KEK} event, all in one transaction.
   *
   * @throws TamperedKeyException when a stored data key does not unwrap (nothing is changed)
   * @throws KekUnavailableException when either KEK cannot be used (nothing is changed)
   */
  public Report rotate(VaultDatabase database, KeyProtector from, KeyProtector to, AuditTrail audit)
      throws VaultException {
    if (from.kekId().equals(to.kekId())) {
      throw new IllegalArgumentException("the new KEK is the old one (" + from.kekId() + ")");
    }
    return database.inTransaction(
        connection -> {
          KeyProtectors.register(connection, to, clock);
          // Taken first: key writers lock the same row, so none can add a key under the old KEK
          // now.
          try (PreparedStatement lock =
              connection.prepareStatement("SELECT id FROM keks WHERE id = ? FOR UPDATE")) {
            lock.setString(1, from.kekId());
            try (ResultSet r = lock.executeQuery()) {
              if (!r.next()) {
                throw new KekUnavailableException(
                    "the KEK " + from.kekId() + " is not registered in this vault's database");
              }
            }
          }
          List<Row> rows = lockedRows(connection, from.kekId());
          for (Row row : rows) {
            rewrap(connection, row, from, to);
          }
          try (PreparedStatement retire =
              connection.prepareStatement("UPDATE keks SET retired_at = ? WHERE id = ?")) {
            retire.setTimestamp(1, Timestamp.from(clock.instant()));
            retire.setString(2, from.kekId());
            retire.executeUpdate();
          }
          audit.record(
              connection,
              new AuditEvent(
                  null,
                  null,
                  "ROTATE_KEK",
                  from.kekId() + " -> " + to.kekId(),
                  null,
                  AuditResult.SUCCESS,
                  rows.size() + " data keys re-wrapped"));
          return new Report(from.kekId(), to.kekId(), rows.size());
        });
  }

  private static void rewrap(Connection connection, Row row, KeyProtector from, KeyProtector to)
      throws SQLException, VaultException {
    byte[] dataKey = from.unwrap(row.wrapped(), row.aad());
    byte[] wrapped;
    try {
      wrapped = to.wrap(dataKey, row.aad());
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE "
                + row.table()
                + " SET wrapped_data_key = ?, kek_id = ? WHERE id = ? AND kek_id = ?")) {
      update.setBytes(1, wrapped);
      update.setString(2, to.kekId());
      update.setObject(3, row.keyId());
      update.setString(4, from.kekId());
      update.executeUpdate();
    }
  }

  /** Users' keys and the certificate authority's keys under {@code kekId}, locked. */
  private static List<Row> lockedRows(Connection connection, String kekId) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, user_id, wrapped_data_key FROM vault_keys WHERE kek_id = ? ORDER BY id FOR UPDATE")) {
      select.setString(1, kekId);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          UUID id = r.getObject(1, UUID.class);
          rows.add(
              new Row(
                  "vault_keys", id, KeyBinding.aad(id, r.getObject(2, UUID.class)), r.getBytes(3)));
        }
      }
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, alias, wrapped_data_key FROM authority_keys WHERE kek_id = ? ORDER BY id FOR UPDATE")) {
      select.setString(1, kekId);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          UUID id = r.getObject(1, UUID.class);
          rows.add(
              new Row(
                  "authority_keys",
                  id,
                  KeyBinding.authorityAad(id, r.getString(2)),
                  r.getBytes(3)));
        }
      }
    }
    return rows;
  }

  /** A wrapped data key to move, with the table it lives in and its binding. */
  private record Row(String table, UUID keyId, byte[] aad, byte[] wrapped) {}
}
