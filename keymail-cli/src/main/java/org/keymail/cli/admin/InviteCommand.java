package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.LocalTime;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail admin user invite EMAIL}: creates the user and prints their one-time activation
 * code, which the administrator hands over (in person, by phone); the server keeps only its hash.
 */
@Command(
    name = "invite",
    description = {
      "Invite a user; prints the one-time activation code to hand over (valid for 7 days)."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail admin user invite bob@example.org --name \"Bob Builder\""})
final class InviteCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(index = "0", paramLabel = "EMAIL", description = "The new user's e-mail address.")
  private String email;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The user's display name (default: the address).")
  private String name;

  @Option(names = "--admin", description = "Make the user an administrator too.")
  private boolean admin;

  InviteCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    ObjectNode invitation =
        KeymailApi.object().put("email", email).put("role", admin ? "ADMIN" : "USER");
    if (name != null) {
      invitation.put("displayName", name);
    }
    JsonNode invited = unlocked.call(api -> api.post("/api/v1/admin/users", invitation));
    String code = invited.path("activationCode").asText();
    terminal
        .out()
        .println(
            "invited "
                + invited.path("email").asText()
                + (admin ? " (administrator)" : "")
                + "; one-time activation code: "
                + code);
    terminal
        .out()
        .println(
            "valid until "
                + LocalTime.day(Instant.parse(invited.path("expiresAt").asText()))
                + "; they run: keymail passkey activate --code "
                + code);
    return ExitCodes.OK;
  }
}
