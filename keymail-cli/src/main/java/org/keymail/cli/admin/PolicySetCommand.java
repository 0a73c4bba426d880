package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
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
 * {@code keymail admin policy set NAME VALUE}: sets one policy; the server checks the value and
 * records the change in the audit log with who made it and the old value.
 */
@Command(
    name = "set",
    description = {
      "Set a policy; the server checks the value and audits the change.",
      "A switch takes on or off: keymail admin policy set signing.certificate-choice off"
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail admin policy set session.idle-minutes 30"})
final class PolicySetCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(index = "0", paramLabel = "NAME", description = "e.g. session.idle-minutes")
  private String name;

  @Parameters(index = "1", paramLabel = "VALUE", description = "The new value, e.g. 30, or on/off")
  private String value;

  PolicySetCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode set =
        unlocked.call(
            api ->
                api.put("/api/v1/admin/policies/" + name, KeymailApi.object().put("value", value)));
    // A number is shown with its unit; a switch, a choice or a set by its name(s).
    boolean number = "number".equals(set.path("kind").asText());
    terminal
        .out()
        .println(
            set.path("name").asText()
                + " is now "
                + (number
                    ? set.path("value").asText() + " " + set.path("unit").asText()
                    : set.path("shown").asText()));
    return ExitCodes.OK;
  }
}
