package org.keymail.vault.audit;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where audit events go. The hash-chained implementation writes them into the same transaction
 * as the change they describe, so an event exists exactly when its change does.
 */
public interface AuditTrail {

  /** Records {@code event} inside the caller's transaction. */
  void record(Connection transaction, AuditEvent event) throws SQLException;
}
