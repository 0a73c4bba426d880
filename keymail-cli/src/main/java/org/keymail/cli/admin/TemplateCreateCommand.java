package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail admin template create NAME ...}: adds a certificate template with all its
 * settings. The server refuses a name (or id) that is taken and settings that break the CA's rules,
 * saying which; the new template's id follows from its name ({@code Partner Mail} → {@code
 * partner-mail}).
 */
@Command(
    name = "create",
    description = {"Create a certificate template with all its settings."},
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail admin template create partner-mail --purpose secure-email \\",
      "      --key-types rsa-3072,ec-p256 --validity-days 365 \\",
      "      --approval administrator"
    })
final class TemplateCreateCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description = "The template's name; its id (what users give --template) follows from it.")
  private String name;

  @Mixin private TemplateOptions settings;

  TemplateCreateCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    settings.requireAllOfANewTemplate();
    ObjectNode template = settings.json(KeymailApi.object().put("name", name.strip()));
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode stored = unlocked.call(api -> api.post("/api/v1/admin/templates", template));
    terminal.out().println("template " + stored.path("name").asText() + " created:");
    TemplateListCommand.print(terminal.out(), List.of(stored));
    return ExitCodes.OK;
  }
}
