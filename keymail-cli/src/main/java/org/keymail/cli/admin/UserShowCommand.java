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
import picocli.CommandLine.Parameters;

/**
 * {@code keymail admin user show EMAIL}: one user, their PassKeys (name, id, kind, when made and
 * last used, whether revoked or locked and how many wrong access codes in a row) and their
 * certificates in the vault.
 */
@Command(
    name = "show",
    description = {"Show a user, their PassKeys (with lockout state) and their certificates."},
    footerHeading = "%nExamples:%n",
    footer = {"  keymail admin user show bob@example.org"})
final class UserShowCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Option(names = "--json", description = "Print the server's JSON, for scripts.")
  private boolean json;

  @Parameters(
      index = "0",
      paramLabel = "EMAIL",
      description = "The user's e-mail address (or user id).")
  private String user;

  UserShowCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode shown = unlocked.call(api -> api.get(AdminUsers.path(user, "")));
    if (json) {
      JsonOutput.print(terminal, shown);
      return ExitCodes.OK;
    }
    JsonNode u = shown.path("user");
    var out = terminal.out();
    out.println(
        Table.visible(u.path("email").asText())
            + " ("
            + Table.visible(u.path("displayName").asText())
            + ")");
    out.printf("  %-13s%s%n", "id", u.path("id").asText());
    out.printf("  %-13s%s%n", "role", AdminUsers.word(u.path("role")));
    out.printf("  %-13s%s%n", "status", AdminUsers.word(u.path("status")));
    out.printf("  %-13s%s%n", "invited", AdminUsers.local(u.path("createdAt")));
    out.printf("  %-13s%s%n", "locked until", AdminUsers.local(u.path("lockedUntil")));
    out.println();
    out.println("PassKeys:");
    Table passKeys = new Table("NAME", "ID", "KIND", "CREATED", "LAST USED", "STATE");
    for (JsonNode p : shown.path("passKeys")) {
      passKeys.row(
          p.path("name").asText(),
          p.path("id").asText(),
          AdminUsers.word(p.path("kind")).replace('_', ' '),
          AdminUsers.local(p.path("createdAt")),
          AdminUsers.local(p.path("lastUsedAt")),
          state(p));
    }
    if (shown.path("passKeys").isEmpty()) {
      out.println("  none");
    } else {
      passKeys.print(out, "  ");
    }

    out.println();
    out.println("Certificates:");
    Table certificates = new Table("SERIAL", "SUBJECT", "NOT AFTER", "SOURCE", "ARCHIVED");
    for (JsonNode c : shown.path("certificates")) {
      certificates.row(
          c.path("serialNumber").asText(),
          c.path("subject").asText(),
          AdminUsers.local(c.path("notAfter")),
          AdminUsers.word(c.path("source")),
          c.path("archived").asBoolean() ? "yes" : "no");
    }
    if (shown.path("certificates").isEmpty()) {
      out.println("  none");
    } else {
      certificates.print(out, "  ");
    }
    return ExitCodes.OK;
  }

  /** In use, revoked, locked, or in use after some wrong access codes. */
  private static String state(JsonNode p) {
    if (p.hasNonNull("revokedAt")) {
      return "revoked " + AdminUsers.local(p.path("revokedAt"));
    }
    int wrong = p.path("wrongCodes").asInt();
    if (p.hasNonNull("lockedUntil")) {
      return "locked until "
          + AdminUsers.local(p.path("lockedUntil"))
          + " after "
          + wrong
          + " wrong access codes";
    }
    if (wrong > 0) {
      return "in use; "
          + wrong
          + (wrong == 1 ? " wrong access code" : " wrong access codes")
          + " in a row";
    }
    return "in use";
  }
}
