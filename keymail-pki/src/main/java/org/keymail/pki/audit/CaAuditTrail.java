package org.keymail.pki.audit;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the certificate authority records what it did (request, issue, approve, deny, revoke,
 * template change), inside the same database transaction as the change, so an event exists exactly
 * when the change does. The server connects this to the vault's hash-chained audit log.
 */
@FunctionalInterface
public interface CaAuditTrail {

  /** Appends {@code event} within {@code transaction}. */
  void record(Connection transaction, CaEvent event) throws SQLException;
}
