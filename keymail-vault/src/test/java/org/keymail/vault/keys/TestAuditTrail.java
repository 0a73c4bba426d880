package org.keymail.vault.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.store.VaultDatabase;

/**
 * A plain audit trail for the key store's tests: writes each event into {@code audit_events} in the
 * caller's transaction, without the hash chain (the real {@code AuditLog} adds that).
 */
public final class TestAuditTrail implements AuditTrail {

  private final Clock clock;

  public TestAuditTrail(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void record(Connection transaction, AuditEvent event) throws SQLException {
    long seq;
    // The key-use shipper writes from its own thread: take turns on the chain head, as AuditLog
    // does.
    try (Statement s = transaction.createStatement();
        ResultSet r =
            s.executeQuery("SELECT last_seq FROM audit_chain_head WHERE id = 1 FOR UPDATE")) {
      r.next();
    }
    try (Statement s = transaction.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_events")) {
      r.next();
      seq = r.getLong(1);
    }
    try (PreparedStatement insert =
        transaction.prepareStatement(
            "INSERT INTO audit_events (seq, at, user_id, passkey_id, operation, object, client_address, result, detail,"
                + " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, seq);
      insert.setTimestamp(2, Timestamp.from(clock.instant()));
      insert.setObject(3, event.userId());
      insert.setObject(4, event.passkeyId());
      insert.setString(5, event.operation());
      insert.setString(6, event.object());
      insert.setString(7, event.clientAddress());
      insert.setString(8, event.result().name());
      insert.setString(9, event.detail());
      insert.setBytes(10, new byte[32]);
      insert.setBytes(11, new byte[32]);
      insert.executeUpdate();
    }
  }

  /** The events so far, as "OPERATION RESULT object", oldest first. */
  public static List<String> events(VaultDatabase database) throws SQLException {
    return database.inTransaction(
        c -> {
          List<String> events = new ArrayList<>();
          try (Statement s = c.createStatement();
              ResultSet r =
                  s.executeQuery(
                      "SELECT operation, result, object FROM audit_events ORDER BY seq")) {
            while (r.next()) {
              events.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3));
            }
          }
          return events;
        });
  }
}
