package org.keymail.server.limits;

import java.time.Duration;

/** A client or an account made more calls than its limit allows; it may try again later. */
public final class TooManyRequestsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  public TooManyRequestsException(String what, Duration retryAfter) {
    super(
        "Too many "
            + what
            + " in a short time; try again in "
            + Math.max(1, retryAfter.toSeconds())
            + " s.");
    this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }

  /** Whole seconds until a call will be taken again (at least 1). */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
