package org.keymail.vault.lockout;

import java.time.Duration;

/** How many wrong access codes in a row lock a PassKey, and for how long. */
public record LockoutPolicy(int wrongCodesBeforeLock, Duration lockDuration) {

  /** Three wrong codes lock the PassKey for 15 minutes. */
  public static final LockoutPolicy DEFAULT = new LockoutPolicy(3, Duration.ofMinutes(15));

  public LockoutPolicy {
    if (wrongCodesBeforeLock < 1 || lockDuration.isNegative() || lockDuration.isZero()) {
      throw new IllegalArgumentException("a lockout needs at least one attempt and a duration");
    }
  }
}
