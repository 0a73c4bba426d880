package org.keymail.vault.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock tests move forward by hand, so no test sleeps to let time pass. Shared by the vault's
 * and the server's tests.
 */
public final class MutableClock extends Clock {

  private volatile Instant now;

  /** 2026-11-26 14:17 UTC. */
  public static MutableClock standard() {
    return new MutableClock(Instant.parse("2026-11-26T14:17:00Z"));
  }

  public MutableClock(Instant start) {
    this.now = start;
  }

  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the test clock is UTC");
  }

  @Override
  public Instant instant() {
    return now;
  }
}
