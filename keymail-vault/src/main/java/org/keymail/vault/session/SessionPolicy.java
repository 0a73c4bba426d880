package org.keymail.vault.session;

import java.time.Duration;

/**
 * How long an unlock session lasts: it ends after {@code idleTimeout} without use, and after {@code
 * absoluteTimeout} in any case. Administrators will set these (table {@code policies}).
 */
public record SessionPolicy(Duration idleTimeout, Duration absoluteTimeout) {

  /** 15 minutes idle, 8 hours at most. */
  public static final SessionPolicy DEFAULT =
      new SessionPolicy(Duration.ofMinutes(15), Duration.ofHours(8));

  public SessionPolicy {
    if (idleTimeout.isNegative()
        || idleTimeout.isZero()
        || absoluteTimeout.compareTo(idleTimeout) < 0) {
      throw new IllegalArgumentException(
          "a session needs an idle timeout no longer than its absolute one");
    }
  }
}
