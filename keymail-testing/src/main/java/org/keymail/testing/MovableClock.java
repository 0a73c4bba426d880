package org.keymail.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A UTC clock a test moves forward by hand, so that no test sleeps to let time pass. It lives as
 * long as the test that made it; the code under test reads it from any thread.
 */
public final class MovableClock extends Clock {

  private volatile Instant now;

  /** A clock that reads {@code start} until it is moved. */
  public MovableClock(Instant start) {
    this.now = start;
  }

  /** A clock at {@code instant}, written as {@link Instant#parse} reads it. */
  public static MovableClock at(String instant) {
    return new MovableClock(Instant.parse(instant));
  }

  /**
   * A clock at the current whole second: for tests whose certificates a real peer (openssl, a
   * browser) judges by the real time.
   */
  public static MovableClock startingNow() {
    return new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /** Moves the clock forward by {@code duration}. */
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
