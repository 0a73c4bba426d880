package org.keymail.cli.passkey;

import java.util.UUID;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.SessionFile;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail passkey revoke ID}: for good; it can never unlock again, and sessions opened with
 * it end at once (also this one, when it is this session's PassKey).
 */
@Command(
    name = "revoke",
    description = {
      "Revoke one of your PassKeys for good (a lost or stolen one). Sessions opened with it end at once."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail passkey revoke 3f2c…"})
final class RevokeCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(
      index = "0",
      paramLabel = "ID",
      description = "The PassKey's id (see 'keymail passkey list').")
  private String id;

  RevokeCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    UUID passKey = PassKeyId.parse(id);
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    unlocked.call(api -> api.delete("/api/v1/passkeys/" + passKey));
    terminal.out().println("PassKey " + passKey + " is revoked.");
    if (unlocked.session().passkeyId().equals(passKey)) {
      SessionFile.delete(unlocked.home().session());
      terminal.out().println("It was this session's PassKey: you are locked now.");
    }
    return ExitCodes.OK;
  }
}
