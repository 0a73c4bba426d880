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
 * {@code keymail admin user disable EMAIL}: the user can no longer sign in or use their keys, and
 * their open sessions end now; their keys, certificates and PassKeys stay for when they are enabled
 * again. Audited as {@code USER_DISABLE}.
 */
@Command(
    name = "disable",
    description = {"Disable a user: no sign-in, no key use; their open sessions end now."},
    footerHeading = "%nExamples:%n",
    footer = {"  keymail admin user disable bob@example.org"})
final class UserDisableCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(
      index = "0",
      paramLabel = "EMAIL",
      description = "The user's e-mail address (or user id).")
  private String user;

  UserDisableCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode change =
        unlocked.call(api -> api.post(AdminUsers.path(user, "disable"), KeymailApi.object()));
    String email = change.path("user").path("email").asText();
    int ended = change.path("sessionsEnded").asInt();
    terminal
        .out()
        .println(
            "disabled "
                + email
                + "; "
                + (ended == 0
                    ? "they had no open session"
                    : (ended == 1 ? "1 open session" : ended + " open sessions") + " ended")
                + ". 'keymail admin user enable "
                + email
                + "' lets them back in");
    return ExitCodes.OK;
  }
}
