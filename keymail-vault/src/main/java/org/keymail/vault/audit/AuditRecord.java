package org.keymail.vault.audit;

import java.util.Optional;

/**
 * One stored audit event as administrators read it: the entry, and the address of its user and the
 * name of its PassKey where those still exist (the event keeps only their ids).
 */
public record AuditRecord(
    AuditEntry entry, Optional<String> userEmail, Optional<String> passKeyName) {}
