package org.keymail.vault.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where audit events go. The hash-chained implementation writes them into the same transaction as
 * the change they describe, so an event exists exactly when its change does.
 */
public interface AuditTrail {

  /** Records {@code event} inside the caller's transaction. */
  void record(Connection transaction, AuditEvent event) throws SQLException;

  /** Records {@code events}, in order, inside the caller's transaction. */
  default void recordAll(Connection transaction, List<AuditEvent> events) throws SQLException {
    for (AuditEvent event : events) {
      record(transaction, event);
    }
  }

  /**
   * Records events that happened earlier, each with its own times and count, in order, inside the
   * caller's transaction. This default records each event once per occurrence, at the time of
   * writing; the hash-chained log keeps the times and the count.
   */
  default void recordOccurred(Connection transaction, List<AuditOccurrence> occurred)
      throws SQLException {
    for (AuditOccurrence o : occurred) {
      for (int i = 0; i < o.occurrences(); i++) {
        record(transaction, o.event());
      }
    }
  }
}
