package org.keymail.cli.passkey;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.JsonOutput;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.LocalTime;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keymail passkey list}: your PassKeys, the one of this session marked. */
@Command(
    name = "list",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail passkey list",
      "  keymail passkey list --json \\",
      "      | jq -r '.[] | select(.revokedAt == null) | .name'"
    },
    description = {"List your PassKeys: id, name, kind, when made and last used, revoked or not."})
final class ListCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Option(names = "--json", description = "Print the server's JSON, for scripts.")
  private boolean json;

  ListCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode passKeys = unlocked.call(api -> api.get("/api/v1/passkeys"));
    if (json) {
      JsonOutput.print(terminal, passKeys);
      return ExitCodes.OK;
    }
    PrintStream out = terminal.out();
    out.printf(
        "%-36s  %-8s  %-16s  %-16s  %s%n", "ID", "STATUS", "CREATED", "LAST USED", "NAME (KIND)");
    for (JsonNode passKey : passKeys) {
      String id = passKey.path("id").asText();
      String status = passKey.hasNonNull("revokedAt") ? "revoked" : "active";
      boolean current = id.equals(unlocked.session().passkeyId().toString());
      out.printf(
          "%-36s  %-8s  %-16s  %-16s  %s (%s)%s%n",
          id,
          status,
          day(passKey.path("createdAt")),
          day(passKey.path("lastUsedAt")),
          passKey.path("name").asText(),
          passKey.path("kind").asText(),
          current ? "  <- this session" : "");
    }
    return ExitCodes.OK;
  }

  private static String day(JsonNode instant) {
    return instant.isNull() || instant.isMissingNode()
        ? "-"
        : LocalTime.day(Instant.parse(instant.asText()));
  }
}
