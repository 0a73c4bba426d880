package org.keymail.server.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.keymail.server.web.BadRequestException;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.AuditEntry;
import org.keymail.vault.audit.AuditFilter;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.audit.AuditPage;
import org.keymail.vault.audit.AuditRecord;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.user.User;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/admin/audit}: the vault's audit log, newest first, one page per call (at most
 * {@value #MOST} events; {@code nextBefore} asks for the next), filtered by user (what they did and
 * what was done to them), operation, result and a time window. The security chain lets only
 * administrators through.
 */
@RestController
@RequestMapping("/api/v1/admin/audit")
public class AdminAuditController {

  static final int MOST = 1000;
  private static final int DEFAULT = 100;

  private final AuditLog log;
  private final UserAdministration users;

  public AdminAuditController(AuditLog log, UserAdministration users) {
    this.log = log;
    this.users = users;
  }

  /**
   * One audit event.
   *
   * @param seq its place in the hash chain
   * @param at when it happened (for counted key uses: the last time)
   * @param firstAt for counted key uses: the first time; absent for a single event
   * @param occurrences how many identical key uses the row counts (1 for every other event)
   * @param userId who acted, if anyone; {@code userEmail} is their address where the user exists
   * @param passKeyId the PassKey they acted with; {@code passKeyName} its name
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EventJson(
      long seq,
      Instant at,
      Instant firstAt,
      int occurrences,
      UUID userId,
      String userEmail,
      UUID passKeyId,
      String passKeyName,
      String operation,
      String object,
      String clientAddress,
      String result,
      String detail) {
    static EventJson of(AuditRecord r) {
      AuditEntry e = r.entry();
      return new EventJson(
          e.seq(),
          e.at(),
          e.occurrences() == 1 ? null : e.firstAt(),
          e.occurrences(),
          e.event().userId(),
          r.userEmail().orElse(null),
          e.event().passkeyId(),
          r.passKeyName().orElse(null),
          e.event().operation(),
          e.event().object(),
          e.event().clientAddress(),
          e.event().result().name(),
          e.event().detail());
    }
  }

  /**
   * A page of events.
   *
   * @param nextBefore give it as {@code before} for the next page; absent on the last
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PageJson(List<EventJson> events, Long nextBefore) {}

  @GetMapping
  PageJson list(
      @RequestParam(name = "user", required = false) String user,
      @RequestParam(name = "operation", required = false) String operation,
      @RequestParam(name = "result", required = false) String result,
      @RequestParam(name = "since", required = false) String since,
      @RequestParam(name = "until", required = false) String until,
      @RequestParam(name = "before", required = false) String before,
      @RequestParam(name = "limit", required = false) String limit)
      throws VaultException {
    AuditFilter filter = AuditFilter.newest().limitedTo(limit(limit));
    if (user != null && !user.isBlank()) {
      User who = users.user(user);
      filter = filter.involving(who.id(), who.email());
    }
    if (operation != null && !operation.isBlank()) {
      String name = operation.strip().toUpperCase(Locale.ROOT);
      if (!name.matches("[A-Z_]{1,40}")) {
        throw new BadRequestException(
            "'operation' is an audit operation such as LOCKOUT or USER_DISABLE, not '"
                + operation
                + "'.");
      }
      filter = filter.forOperation(name);
    }
    if (result != null && !result.isBlank()) {
      filter = filter.withResult(result(result));
    }
    if (since != null && !since.isBlank()) {
      filter = filter.since(time("since", since));
    }
    if (until != null && !until.isBlank()) {
      filter = filter.until(time("until", until));
    }
    if (before != null && !before.isBlank()) {
      filter = filter.olderThan(before(before));
    }
    AuditPage page = log.page(filter);
    return new PageJson(
        page.records().stream().map(EventJson::of).toList(),
        page.nextOlderThan().isPresent() ? page.nextOlderThan().getAsLong() : null);
  }

  private static int limit(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT;
    }
    try {
      int limit = Integer.parseInt(text.strip());
      if (limit >= 1 && limit <= MOST) {
        return limit;
      }
    } catch (NumberFormatException notANumber) {
      // refused below
    }
    throw new BadRequestException(
        "'limit' is a number from 1 to " + MOST + ", not '" + text + "'.");
  }

  private static AuditResult result(String text) {
    try {
      return AuditResult.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("'result' is SUCCESS, FAILURE or DENIED, not '" + text + "'.");
    }
  }

  /** An ISO-8601 time with its offset: {@code 2026-11-26T14:32:00Z} or {@code ...+01:00}. */
  private static Instant time(String name, String text) {
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          "'"
              + name
              + "' is an ISO-8601 time with its offset, such as 2026-11-26T14:32:00Z, not '"
              + text
              + "'.");
    }
  }

  private static long before(String text) {
    try {
      long seq = Long.parseLong(text.strip());
      if (seq > 0) {
        return seq;
      }
    } catch (NumberFormatException notANumber) {
      // refused below
    }
    throw new BadRequestException(
        "'before' is the nextBefore of the page before, not '" + text + "'.");
  }
}
