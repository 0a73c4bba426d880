package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
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
 * {@code keymail admin user list}: every user with their address, name, role, status, PassKeys in
 * use and, when one is locked after wrong access codes, until when (local time).
 */
@Command(
    name = "list",
    description = {"List every user: address, name, role, status, PassKeys in use, locked until."},
    footerHeading = "%nExamples:%n",
    footer = {"  keymail admin user list"})
final class UserListCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Option(names = "--json", description = "Print the server's JSON, for scripts.")
  private boolean json;

  UserListCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode users = unlocked.call(api -> api.get("/api/v1/admin/users"));
    if (json) {
      JsonOutput.print(terminal, users);
      return ExitCodes.OK;
    }
    Table table = new Table("EMAIL", "NAME", "ROLE", "STATUS", "PASSKEYS", "LOCKED UNTIL");
    for (JsonNode u : users) {
      table.row(
          u.path("email").asText(),
          u.path("displayName").asText(),
          AdminUsers.word(u.path("role")),
          AdminUsers.word(u.path("status")),
          u.path("passKeys").asText(),
          AdminUsers.local(u.path("lockedUntil")));
    }
    table.print(terminal.out());
    return ExitCodes.OK;
  }
}
