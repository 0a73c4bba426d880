package org.keymail.cli.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keymail.cli.CliFailure;

/**
 * A time as {@code admin audit list --since/--until} take it: ISO-8601 with an offset ({@code
 * 2026-11-26T13:32:00Z}), a local date and time ({@code 2026-11-26T14:32} or {@code 2026-11-26
 * 14:32}), a local date ({@code 2026-11-26}, its midnight), or a time ago ({@code 30m}, {@code
 * 24h}, {@code 7d}).
 */
final class AuditTime {

  private static final Pattern AGO = Pattern.compile("(\\d{1,6})([mhd])");

  private AuditTime() {}

  static Instant parse(String option, String typed, Clock clock) throws CliFailure {
    String text = typed.strip();
    Matcher ago = AGO.matcher(text);
    if (ago.matches()) {
      long amount = Long.parseLong(ago.group(1));
      Duration back =
          switch (ago.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          };
      return clock.instant().minus(back);
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notWithOffset) {
      // a local time, next
    }
    try {
      return LocalDateTime.parse(text.replace(' ', 'T')).atZone(clock.getZone()).toInstant();
    } catch (DateTimeParseException notLocal) {
      // a date, next
    }
    try {
      return LocalDate.parse(text).atStartOfDay(clock.getZone()).toInstant();
    } catch (DateTimeParseException notADate) {
      throw new CliFailure(
          option
              + " '"
              + typed
              + "' is not a time: use 2026-11-26T13:32:00Z, 2026-11-26 14:32 (local), 2026-11-26,"
              + " or 30m, 24h, 7d (ago)");
    }
  }
}
