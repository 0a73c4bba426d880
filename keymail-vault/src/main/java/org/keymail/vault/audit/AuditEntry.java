package org.keymail.vault.audit;

import java.time.Instant;

/**
 * One stored audit row with its place in the chain: {@code event} at {@code at}, or, for key uses
 * counted together, {@code occurrences} times from {@code firstAt} to {@code at}.
 */
public record AuditEntry(long seq, Instant at, AuditEvent event, int occurrences, Instant firstAt) {

  /** A row of one event. */
  public AuditEntry(long seq, Instant at, AuditEvent event) {
    this(seq, at, event, 1, at);
  }
}
