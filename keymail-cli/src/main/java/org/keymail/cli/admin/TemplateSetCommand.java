package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.Unlocked;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail admin template set NAME ...}: changes what a template allows — approval, validity,
 * key types, enabled — leaving everything not named as it is. A built-in template's purposes never
 * change; certificates already issued keep what they were issued with.
 */
@Command(
    name = "set",
    description = {
      "Change a certificate template: approval, validity, key types, enabled.",
      "Example: keymail admin template set user --approval automatic --validity-days 730"
    })
final class TemplateSetCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(index = "0", paramLabel = "NAME", description = "The template's id, e.g. secure-email.")
  private String name;

  @Option(names = "--approval", paramLabel = "WHO", description = "automatic or administrator.")
  private String approval;

  @Option(names = "--validity-days", paramLabel = "DAYS", description = "How long its certificates are valid.")
  private Integer validityDays;

  @Option(
      names = "--key-types",
      paramLabel = "TYPES",
      split = ",",
      description = "The key types it allows, comma-separated: rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384.")
  private List<String> keyTypes;

  @Option(names = "--enabled", paramLabel = "true|false", arity = "1", description = "Whether users may request it.")
  private Boolean enabled;

  TemplateSetCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    ObjectNode change = KeymailApi.object();
    if (approval != null) {
      change.put("approval", approval.strip().toUpperCase(Locale.ROOT));
    }
    if (validityDays != null) {
      change.put("validityDays", validityDays);
    }
    if (keyTypes != null) {
      ArrayNode types = change.putArray("keyTypes");
      keyTypes.forEach(t -> types.add(t.strip()));
    }
    if (enabled != null) {
      change.put("enabled", enabled);
    }
    if (change.isEmpty()) {
      throw new CliFailure("say what to change: --approval, --validity-days, --key-types or --enabled");
    }
    String id = name.strip();
    if (!id.matches("[a-z0-9-]{1,100}")) {
      throw new CliFailure("'" + name + "' is not a template id (as 'keymail admin template list' shows)");
    }
    Unlocked unlocked = Unlocked.open(server, terminal);
    JsonNode stored = unlocked.api().put("/api/v1/admin/templates/" + id, change);
    terminal.out().println("template " + stored.path("name").asText() + " changed:");
    TemplateListCommand.print(terminal.out(), List.of(stored));
    return ExitCodes.OK;
  }
}
