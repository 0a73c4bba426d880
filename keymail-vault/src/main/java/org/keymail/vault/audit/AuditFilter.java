package org.keymail.vault.audit;

import java.util.Optional;
import java.util.UUID;

/**
 * Which audit events an administrator wants to read: optionally one user's, optionally one
 * operation's, newest first, at most {@code limit}.
 */
public record AuditFilter(Optional<UUID> userId, Optional<String> operation, int limit) {
  public AuditFilter {
    if (limit < 1) {
      throw new IllegalArgumentException("an audit listing shows at least one event");
    }
  }

  /** The newest 1000 events of everyone. */
  public static AuditFilter newest() {
    return new AuditFilter(Optional.empty(), Optional.empty(), 1000);
  }

  public AuditFilter forUser(UUID user) {
    return new AuditFilter(Optional.of(user), operation, limit);
  }

  public AuditFilter forOperation(String name) {
    return new AuditFilter(userId, Optional.of(name), limit);
  }

  public AuditFilter limitedTo(int count) {
    return new AuditFilter(userId, operation, count);
  }
}
