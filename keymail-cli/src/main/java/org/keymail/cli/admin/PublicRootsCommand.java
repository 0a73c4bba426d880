package org.keymail.cli.admin;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail admin trust public-roots on|off}: whether e-mail certificates from the publicly
 * trusted CAs (the roots that ship with Java) verify as trusted, besides the organisation's own.
 */
@Command(
    name = "public-roots",
    description = {
      "Trust the publicly trusted CAs (Java's root list) for signed mail too: on or off."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail admin trust public-roots on"})
final class PublicRootsCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(index = "0", paramLabel = "on|off", description = "on or off.")
  private String state;

  PublicRootsCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    String wanted = state.strip().toLowerCase(Locale.ROOT);
    if (!wanted.equals("on") && !wanted.equals("off")) {
      throw new CliFailure("say on or off, not '" + state + "'");
    }
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    unlocked.call(
        api ->
            api.put(
                "/api/v1/admin/trust/public-roots",
                KeymailApi.object().put("enabled", wanted.equals("on"))));
    terminal
        .out()
        .println(
            wanted.equals("on")
                ? "public roots on: e-mail certificates from publicly trusted CAs verify as trusted"
                : "public roots off: only the organisation's CA and imported roots are trusted");
    return ExitCodes.OK;
  }
}
