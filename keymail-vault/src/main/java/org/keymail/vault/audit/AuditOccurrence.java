package org.keymail.vault.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One audit event that happened {@code occurrences} times, from {@code firstAt} to {@code at}: how
 * the key-use journal stores many identical key uses (same user, PassKey, operation, key, result)
 * shipped together, as one row that counts them.
 */
public record AuditOccurrence(AuditEvent event, Instant firstAt, Instant at, int occurrences) {

  public AuditOccurrence {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(firstAt, "firstAt");
    Objects.requireNonNull(at, "at");
    if (occurrences < 1) {
      throw new IllegalArgumentException("an audit event happens at least once");
    }
    if (at.isBefore(firstAt)) {
      throw new IllegalArgumentException("the last occurrence cannot come before the first");
    }
  }

  /** {@code event}, once, at {@code at}. */
  public static AuditOccurrence once(AuditEvent event, Instant at) {
    return new AuditOccurrence(event, at, at, 1);
  }
}
