package org.keymail.server.pki;

import java.sql.Connection;
import java.sql.SQLException;
import org.keymail.pki.audit.CaAuditTrail;
import org.keymail.pki.audit.CaEvent;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.audit.AuditResult;

/**
 * Writes the certificate authority's events into the vault's hash-chained audit log, inside the
 * CA's own transaction (both live in the one database), so a request, issue, approval, denial or
 * revocation exists exactly when its audit event does.
 */
final class VaultCaAuditTrail implements CaAuditTrail {

  private final AuditLog log;

  VaultCaAuditTrail(AuditLog log) {
    this.log = log;
  }

  @Override
  public void record(Connection transaction, CaEvent event) throws SQLException {
    log.record(
        transaction,
        new AuditEvent(
            event.actorId(),
            null,
            event.operation(),
            event.object(),
            event.clientAddress(),
            result(event.outcome()),
            event.detail()));
  }

  private static AuditResult result(CaEvent.Outcome outcome) {
    return switch (outcome) {
      case SUCCESS -> AuditResult.SUCCESS;
      case FAILURE -> AuditResult.FAILURE;
      case DENIED -> AuditResult.DENIED;
    };
  }
}
