package org.keymail.vault.keys;

import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.store.VaultDatabase;

/**
 * Audit events about keys that are not part of a change (a refusal, a request signed): each is
 * recorded in a transaction of its own.
 */
final class KeyEvents {

  private KeyEvents() {}

  static void recordAlone(VaultDatabase database, AuditTrail audit, AuditEvent event) {
    database.inTransaction(
        c -> {
          audit.record(c, event);
          return null;
        });
  }
}
