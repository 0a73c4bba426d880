package org.keymail.server.admin.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times as the console shows them: in UTC and saying so, whatever the server's own time zone, so
 * the audit log, lockouts and the CSV export line up for administrators anywhere.
 */
public final class UtcTime {

  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  public String minutes(Instant at) {
    return MINUTES.format(at);
  }

  public String seconds(Instant at) {
    return SECONDS.format(at);
  }

  public String day(Instant at) {
    return DAY.format(at);
  }
}
