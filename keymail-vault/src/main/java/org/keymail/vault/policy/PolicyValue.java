package org.keymail.vault.policy;

import java.time.Instant;
import java.util.Optional;

/**
 * A policy as it stands: its value (the default unless an administrator set one), and when it was
 * last set.
 *
 * @param updatedAt when an administrator last set it; empty while it has its default
 */
public record PolicyValue(Policy policy, long value, Optional<Instant> updatedAt) {

  /** The name, e.g. {@code session.idle-minutes}. */
  public String name() {
    return policy.key();
  }
}
