package org.keymail.cli.client;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times as the person at this computer reads them: {@code HH:mm} in the local time zone. */
public final class LocalTime {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private LocalTime() {}

  /** {@code 14:32}. */
  public static String clock(Instant instant) {
    return CLOCK.format(instant.atZone(ZoneId.systemDefault()));
  }

  /** {@code 2026-12-03 14:32}. */
  public static String day(Instant instant) {
    return DAY.format(instant.atZone(ZoneId.systemDefault()));
  }
}
