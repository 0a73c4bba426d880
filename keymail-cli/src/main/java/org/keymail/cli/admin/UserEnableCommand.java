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
 * {@code keymail admin user enable EMAIL}: a disabled user may sign in again (active), or activate
 * their PassKey when they never did (invited). Audited as {@code USER_ENABLE}.
 */
@Command(
    name = "enable",
    description = {"Enable a disabled user again."},
    footerHeading = "%nExamples:%n",
    footer = {"  keymail admin user enable bob@example.org"})
final class UserEnableCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(
      index = "0",
      paramLabel = "EMAIL",
      description = "The user's e-mail address (or user id).")
  private String user;

  UserEnableCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode change =
        unlocked.call(api -> api.post(AdminUsers.path(user, "enable"), KeymailApi.object()));
    terminal
        .out()
        .println(
            "enabled "
                + change.path("user").path("email").asText()
                + " ("
                + AdminUsers.word(change.path("user").path("status"))
                + ")");
    return ExitCodes.OK;
  }
}
