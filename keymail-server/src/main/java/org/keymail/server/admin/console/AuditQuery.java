package org.keymail.server.admin.console;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.keymail.server.admin.UserAdministration;
import org.keymail.server.web.BadRequestException;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.AuditFilter;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.user.User;

/**
 * The audit page's filter as the form sends it: who (address or id), which operation, which result,
 * and a time window; times without an offset are UTC, as the page says. A value the log cannot be
 * asked with is refused with a sentence saying what is expected.
 *
 * @param before the oldest event of the page before, to show the next older page; empty for the
 *     newest
 */
record AuditQuery(
    String user, String operation, String result, String since, String until, String before) {

  /**
   * A filter the administrator has to correct. The pages show it beside the form; anywhere else it
   * is the request's 400.
   */
  static final class Refused extends BadRequestException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  AuditQuery {
    user = user.strip();
    operation = operation.strip().toUpperCase(Locale.ROOT);
    result = result.strip().toUpperCase(Locale.ROOT);
    since = since.strip();
    until = until.strip();
    before = before.strip();
  }

  /** The filter for one page of at most {@code limit} events. */
  AuditFilter filter(UserAdministration users, int limit) throws Refused {
    AuditFilter filter = AuditFilter.newest().limitedTo(limit);
    if (!user.isEmpty()) {
      try {
        User who = users.user(user);
        filter = filter.involving(who.id(), who.email());
      } catch (VaultException unknown) {
        throw new Refused(unknown.getMessage() + ".");
      }
    }
    if (!operation.isEmpty()) {
      if (!operation.matches("[A-Z_]{1,40}")) {
        throw new Refused(
            "An operation is a name such as LOCKOUT or USER_DISABLE, not \"" + operation + "\".");
      }
      filter = filter.forOperation(operation);
    }
    if (!result.isEmpty()) {
      try {
        filter = filter.withResult(AuditResult.valueOf(result));
      } catch (IllegalArgumentException e) {
        throw new Refused("The result is SUCCESS, FAILURE or DENIED, not \"" + result + "\".");
      }
    }
    if (!since.isEmpty()) {
      filter = filter.since(time("From", since));
    }
    if (!until.isEmpty()) {
      filter = filter.until(time("Until", until));
    }
    if (!before.isEmpty()) {
      try {
        long seq = Long.parseLong(before);
        if (seq < 1) {
          throw new NumberFormatException();
        }
        filter = filter.olderThan(seq);
      } catch (NumberFormatException e) {
        throw new Refused("That page of the log does not exist; start again from the newest.");
      }
    }
    return filter;
  }

  /** The same filter at the page of events older than {@code seq}. */
  AuditQuery olderThan(long seq) {
    return new AuditQuery(user, operation, result, since, until, Long.toString(seq));
  }

  /** A time as the form's date-and-time field sends it (UTC), or with its offset. */
  private static Instant time(String field, String text) throws Refused {
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException noLocalTime) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        throw new Refused(
            "\"" + field + "\" is a date and time such as 2026-11-26T14:32, not \"" + text + "\".");
      }
    }
  }
}
