package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

/**
 * {@code keymail admin policy list}: every policy with its value, default, bounds and last change,
 * and under it a sentence saying what it does. A switch shows {@code on}/{@code off}, a choice its
 * name, and a set (such as the allowed encryption algorithms) its names separated by commas.
 */
@Command(
    name = "list",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail admin policy list",
      "  keymail admin policy list --json \\",
      "      | jq -r '.[] | select(.name == \"session.idle-minutes\") | .value'"
    },
    description = {"List the policies with their values, defaults and allowed ranges."})
final class PolicyListCommand implements Callable<Integer> {

  private static final String ROW = "%-33s  %6s  %-8s  %8s  %-12s  %s%n";

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Option(names = "--json", description = "Print the server's JSON, for scripts.")
  private boolean json;

  PolicyListCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode policies = unlocked.call(api -> api.get("/api/v1/admin/policies"));
    if (json) {
      JsonOutput.print(terminal, policies);
      return ExitCodes.OK;
    }
    terminal.out().printf(ROW, "NAME", "VALUE", "UNIT", "DEFAULT", "RANGE", "SET");
    for (JsonNode p : policies) {
      JsonNode updated = p.path("updatedAt");
      String kind = p.path("kind").asText();
      List<String> choices = new ArrayList<>();
      p.path("choices").forEach(c -> choices.add(c.asText()));
      terminal
          .out()
          .printf(
              ROW,
              p.path("name").asText(),
              "number".equals(kind) ? p.path("value").asText() : p.path("shown").asText(),
              p.path("unit").asText(),
              p.hasNonNull("defaultShown")
                  ? p.path("defaultShown").asText()
                  : shown(kind, p.path("defaultValue").asInt(), choices),
              switch (kind) {
                case "on-off" -> "on/off";
                case "choice" -> String.join("/", choices);
                case "set" -> "some of " + String.join(",", choices);
                default -> p.path("min").asText() + "-" + p.path("max").asText();
              },
              updated.isMissingNode() || updated.isNull()
                  ? "(default)"
                  : LocalTime.day(Instant.parse(updated.asText())));
      String description = p.path("description").asText();
      if (!description.isEmpty()) {
        terminal.out().println("    " + description);
      }
    }
    return ExitCodes.OK;
  }

  /** A policy's value as people read it: the number, on/off, or the choice's name. */
  private static String shown(String kind, int value, List<String> choices) {
    return switch (kind) {
      case "on-off" -> value != 0 ? "on" : "off";
      case "choice" ->
          value >= 0 && value < choices.size() ? choices.get(value) : String.valueOf(value);
      default -> String.valueOf(value);
    };
  }
}
