package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.LocalTime;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.Unlocked;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code keymail admin policy list}: every policy with its value, default, bounds and last change,
 * and under it a sentence saying what it does. A switch shows {@code on}/{@code off}.
 */
@Command(
    name = "list",
    description = {"List the policies with their values, defaults and allowed ranges."})
final class PolicyListCommand implements Callable<Integer> {

  private static final String ROW = "%-33s  %6s  %-8s  %8s  %-12s  %s%n";

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  PolicyListCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    Unlocked unlocked = Unlocked.open(server, terminal);
    JsonNode policies = unlocked.api().get("/api/v1/admin/policies");
    terminal.out().printf(ROW, "NAME", "VALUE", "UNIT", "DEFAULT", "RANGE", "SET");
    for (JsonNode p : policies) {
      JsonNode updated = p.path("updatedAt");
      boolean onOff = "on-off".equals(p.path("kind").asText());
      terminal
          .out()
          .printf(
              ROW,
              p.path("name").asText(),
              onOff ? p.path("shown").asText() : p.path("value").asText(),
              p.path("unit").asText(),
              onOff ? onOff(p.path("defaultValue").asLong()) : p.path("defaultValue").asText(),
              onOff ? "on/off" : p.path("min").asText() + "-" + p.path("max").asText(),
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

  private static String onOff(long value) {
    return value != 0 ? "on" : "off";
  }
}
