package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail admin user unlock EMAIL [--passkey NAME-or-ID]}: clears the lockout of one of the
 * user's PassKeys, or of all of them: the count of wrong access codes and the lock go, so the right
 * code works at once. Each PassKey cleared is a {@code LOCKOUT_CLEAR} audit event naming the
 * administrator.
 */
@Command(
    name = "unlock",
    description = {
      "Clear the lockout after wrong access codes of a user's PassKey, or of all of them."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail admin user unlock bob@example.org --passkey laptop"})
final class UserUnlockCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(
      index = "0",
      paramLabel = "EMAIL",
      description = "The user's e-mail address (or user id).")
  private String user;

  @Option(
      names = "--passkey",
      paramLabel = "NAME-or-ID",
      description = "Only this PassKey, by name or id ('keymail admin user show' lists them).")
  private String passKey;

  UserUnlockCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    ObjectNode body = KeymailApi.object();
    if (passKey != null) {
      body.put("passKey", passKey.strip());
    }
    JsonNode answer = unlocked.call(api -> api.post(AdminUsers.path(user, "unlock"), body));
    String email = answer.path("user").path("email").asText();
    if (answer.path("cleared").isEmpty()) {
      terminal
          .out()
          .println(
              passKey == null
                  ? email + " has no locked PassKey and no wrong access code to forget"
                  : email
                      + "'s PassKey "
                      + Table.visible(passKey.strip())
                      + " is not locked and has no wrong access code to forget");
      return ExitCodes.OK;
    }
    for (JsonNode p : answer.path("cleared")) {
      int wrong = p.path("wrongCodes").asInt();
      terminal
          .out()
          .println(
              "cleared PassKey "
                  + Table.visible(p.path("name").asText())
                  + " ("
                  + p.path("id").asText()
                  + ") of "
                  + email
                  + ": "
                  + (p.hasNonNull("lockedUntil")
                      ? "it was locked until "
                          + AdminUsers.local(p.path("lockedUntil"))
                          + " after "
                          + wrong
                          + " wrong access codes"
                      : wrong
                          + (wrong == 1 ? " wrong access code" : " wrong access codes")
                          + " forgotten"));
    }
    return ExitCodes.OK;
  }
}
