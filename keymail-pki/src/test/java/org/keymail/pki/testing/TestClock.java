package org.keymail.pki.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** A UTC clock tests move forward by hand, starting at the real time (so openssl agrees). */
public final class TestClock extends Clock {

  private volatile Instant now;

  public TestClock() {
    this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
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
