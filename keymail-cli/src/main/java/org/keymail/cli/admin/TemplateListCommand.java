package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.JsonOutput;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keymail admin template list}: every template, disabled ones too, with its settings in the
 * words {@code admin template create} and {@code set} take: purpose {@code secure-email}, key types
 * {@code rsa-2048,ec-p256}.
 */
@Command(
    name = "list",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail admin template list",
      "  keymail admin template list --json | jq -r '.[] | select(.enabled) | .name'"
    },
    description = {"List the certificate templates, disabled ones too."})
final class TemplateListCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Option(names = "--json", description = "Print the server's JSON, for scripts.")
  private boolean json;

  TemplateListCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode templates = unlocked.call(api -> api.get("/api/v1/admin/templates"));
    if (json) {
      JsonOutput.print(terminal, templates);
      return ExitCodes.OK;
    }
    print(terminal.out(), templates);
    return ExitCodes.OK;
  }

  /** Templates as a table under a header, each column as wide as its widest cell. */
  static void print(PrintStream out, Iterable<JsonNode> templates) {
    Table table = new Table("NAME", "ENABLED", "APPROVAL", "DAYS", "PURPOSE", "KEY TYPES");
    for (JsonNode t : templates) {
      table.row(
          t.path("name").asText(),
          t.path("enabled").asBoolean(true) ? "yes" : "no",
          t.path("approval").asText().toLowerCase(Locale.ROOT),
          t.path("validityDays").asText(),
          TemplateOptions.purposeOf(t.path("purposes")),
          joined(t.path("keyTypes")));
    }
    table.print(out);
  }

  private static String joined(JsonNode values) {
    List<String> texts = new ArrayList<>();
    values.forEach(v -> texts.add(v.asText()));
    return String.join(",", texts);
  }
}
