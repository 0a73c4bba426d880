package org.keymail.vault.audit;

import java.time.Instant;

/** One stored audit event with its place in the chain and the time it was written. */
public record AuditEntry(long seq, Instant at, AuditEvent event) {}
