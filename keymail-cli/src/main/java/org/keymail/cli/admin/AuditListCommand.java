package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.JsonOutput;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keymail admin audit list}: the audit log, newest first, as a table (times in UTC and in
 * local time), as JSON or as CSV. The server sends it a page at a time; this command asks for pages
 * until {@code --limit} events are shown or the log has no more.
 */
@Command(
    name = "list",
    description = {
      "List audit events, newest first: who (user and PassKey), what, from where, how it ended.",
      "         keymail admin audit list --operation LOCKOUT --result denied --csv > lockouts.csv"
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail admin audit list --user bob@example.org --since 24h"})
final class AuditListCommand implements Callable<Integer> {

  /** Events asked for per call; the server answers at most 1000. */
  private static final int PAGE = 500;

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Option(
      names = "--user",
      paramLabel = "EMAIL",
      description = "Events by this user and about them (address or user id).")
  private String user;

  @Option(
      names = "--operation",
      paramLabel = "OP",
      description =
          "Events of this operation, e.g. AUTHENTICATE, LOCKOUT, LOCKOUT_CLEAR, USER_DISABLE, SIGN.")
  private String operation;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description =
          "Events at or after TIME: 2026-11-26T13:32:00Z, 2026-11-26 14:32 (local), 2026-11-26, or 30m, 24h, 7d ago.")
  private String since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description = "Events before TIME (same forms as --since).")
  private String until;

  @Option(
      names = "--result",
      paramLabel = "RESULT",
      description = "success, failure or denied (any case).")
  private String result;

  @Option(names = "--limit", paramLabel = "N", description = "At most N events (default 100).")
  private int limit = 100;

  @Option(names = "--json", description = "A JSON array of the events, times in ISO-8601 UTC.")
  private boolean json;

  @Option(names = "--csv", description = "CSV with a header row (RFC 4180), times in ISO-8601 UTC.")
  private boolean csv;

  AuditListCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    if (json && csv) {
      throw new CliFailure("--json and --csv are two forms of one listing; choose one");
    }
    if (limit < 1) {
      throw new CliFailure("--limit is at least 1, not " + limit);
    }
    if (result != null
        && !List.of("success", "failure", "denied")
            .contains(result.strip().toLowerCase(Locale.ROOT))) {
      throw new CliFailure("--result is success, failure or denied, not '" + result + "'");
    }
    Clock clock = Clock.systemDefaultZone();
    StringBuilder query = new StringBuilder();
    parameter(query, "user", user);
    parameter(query, "operation", operation);
    parameter(query, "result", result);
    if (since != null) {
      parameter(query, "since", AuditTime.parse("--since", since, clock).toString());
    }
    if (until != null) {
      parameter(query, "until", AuditTime.parse("--until", until, clock).toString());
    }
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    List<JsonNode> events = new ArrayList<>();
    Long before = null;
    boolean more;
    do {
      String path =
          "/api/v1/admin/audit?limit="
              + Math.min(PAGE, limit - events.size())
              + query
              + (before == null ? "" : "&before=" + before);
      JsonNode page = unlocked.call(api -> api.get(path));
      page.path("events").forEach(events::add);
      more = page.hasNonNull("nextBefore");
      before = more ? page.path("nextBefore").asLong() : null;
    } while (more && events.size() < limit);

    if (json) {
      ArrayNode array = KeymailApi.object().arrayNode();
      events.forEach(array::add);
      JsonOutput.print(terminal, array);
    } else if (csv) {
      printCsv(events);
    } else {
      printTable(events);
    }
    if (more) {
      terminal
          .err()
          .println(
              "keymail: "
                  + (events.size() == 1
                      ? "the newest event is"
                      : "the newest " + events.size() + " events are")
                  + " shown; --limit shows more");
    }
    return ExitCodes.OK;
  }

  private static void parameter(StringBuilder query, String name, String value) {
    if (value != null && !value.isBlank()) {
      query
          .append('&')
          .append(name)
          .append('=')
          .append(URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
    }
  }

  private void printTable(List<JsonNode> events) {
    Table table =
        new Table(
            "TIME (UTC)",
            "LOCAL TIME",
            "USER",
            "PASSKEY",
            "OPERATION",
            "RESULT",
            "CLIENT",
            "OBJECT",
            "DETAIL");
    ZoneId here = ZoneId.systemDefault();
    for (JsonNode e : events) {
      Instant at = Instant.parse(e.path("at").asText());
      String detail = text(e, "detail");
      int occurrences = e.path("occurrences").asInt(1);
      if (occurrences > 1) {
        detail =
            (detail.isEmpty() ? "" : detail + "; ")
                + occurrences
                + " times since "
                + Instant.parse(e.path("firstAt").asText()).truncatedTo(ChronoUnit.SECONDS);
      }
      table.row(
          at.truncatedTo(ChronoUnit.SECONDS).toString(),
          LOCAL.format(at.atZone(here)),
          who(e),
          text(e, "passKeyName"),
          text(e, "operation"),
          text(e, "result").toLowerCase(Locale.ROOT),
          text(e, "clientAddress"),
          text(e, "object"),
          detail);
    }
    if (events.isEmpty()) {
      terminal.out().println("no audit events match");
      return;
    }
    table.print(terminal.out());
  }

  private void printCsv(List<JsonNode> events) {
    Csv.record(
        terminal.out(),
        List.of(
            "seq",
            "time",
            "user",
            "user_id",
            "passkey",
            "passkey_id",
            "operation",
            "object",
            "client",
            "result",
            "detail",
            "occurrences",
            "first_time"));
    for (JsonNode e : events) {
      Csv.record(
          terminal.out(),
          List.of(
              e.path("seq").asText(),
              text(e, "at"),
              text(e, "userEmail"),
              text(e, "userId"),
              text(e, "passKeyName"),
              text(e, "passKeyId"),
              text(e, "operation"),
              text(e, "object"),
              text(e, "clientAddress"),
              text(e, "result"),
              text(e, "detail"),
              e.path("occurrences").asText("1"),
              e.hasNonNull("firstAt") ? text(e, "firstAt") : text(e, "at")));
    }
    terminal.out().flush();
  }

  /** The user's address, or their id when the user is gone, or nothing. */
  private static String who(JsonNode e) {
    String email = text(e, "userEmail");
    return email.isEmpty() ? text(e, "userId") : email;
  }

  private static String text(JsonNode e, String field) {
    JsonNode value = e.path(field);
    return value.isMissingNode() || value.isNull() ? "" : value.asText();
  }
}
