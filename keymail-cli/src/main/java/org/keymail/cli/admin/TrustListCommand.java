package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.JsonOutput;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.LocalTime;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keymail admin trust list}: the trusted roots with where each came from. */
@Command(
    name = "list",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail admin trust list",
      "  keymail admin trust list --json | jq -r '.[].subject'"
    },
    description = {"List the trusted roots: the organisation's, imported, and public (when on)."})
final class TrustListCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Option(names = "--json", description = "Print the server's JSON, for scripts.")
  private boolean json;

  TrustListCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode roots = unlocked.call(api -> api.get("/api/v1/admin/trust/roots"));
    if (json) {
      JsonOutput.print(terminal, roots);
      return ExitCodes.OK;
    }
    terminal
        .out()
        .printf("%-12s  %-16s  %-64s  %s%n", "SOURCE", "VALID UNTIL", "SHA-256", "SUBJECT");
    for (JsonNode root : roots) {
      terminal.out().println(line(root));
    }
    return ExitCodes.OK;
  }

  private static String line(JsonNode root) {
    String until = root.path("notAfter").asText();
    try {
      until = LocalTime.day(Instant.parse(until));
    } catch (DateTimeParseException e) {
      // Shown as the server wrote it.
    }
    return String.format(
        "%-12s  %-16s  %-64s  %s",
        root.path("source").asText().toLowerCase(Locale.ROOT),
        until,
        root.path("sha256").asText(),
        root.path("subject").asText());
  }
}
