package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail admin template set NAME ...}: changes what a template allows — purpose (of an
 * administrator's own template), key types, validity, approval, enabled — leaving everything not
 * named as it is. A built-in template's purpose never changes; certificates already issued keep
 * what they were issued with.
 */
@Command(
    name = "set",
    description = {
      "Change a certificate template: purpose, key types, validity, approval, enabled."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail admin template set user --approval automatic --validity-days 730"})
final class TemplateSetCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description = "The template's id, e.g. secure-email.")
  private String name;

  @Mixin private TemplateOptions settings;

  TemplateSetCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    ObjectNode change = settings.json(KeymailApi.object());
    if (change.isEmpty()) {
      throw new CliFailure(
          "say what to change: --purpose, --key-types, --validity-days, --approval, --enabled or"
              + " --disabled");
    }
    String id = name.strip();
    if (!id.matches("[a-z0-9-]{1,100}")) {
      throw new CliFailure(
          "'" + name + "' is not a template id (as 'keymail admin template list' shows)");
    }
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode stored = unlocked.call(api -> api.put("/api/v1/admin/templates/" + id, change));
    terminal.out().println("template " + stored.path("name").asText() + " changed:");
    TemplateListCommand.print(terminal.out(), List.of(stored));
    return ExitCodes.OK;
  }
}
