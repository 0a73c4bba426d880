package org.keymail.cli.passkey;

import java.util.UUID;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code keymail passkey rename ID NAME}. */
@Command(
    name = "rename",
    description = {"Give one of your PassKeys another name."},
    footerHeading = "%nExamples:%n",
    footer = {"  keymail passkey rename 3f2c… \"spare key\""})
final class RenameCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(
      index = "0",
      paramLabel = "ID",
      description = "The PassKey's id (see 'keymail passkey list').")
  private String id;

  @Parameters(index = "1", paramLabel = "NAME", description = "Its new name.")
  private String name;

  RenameCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    UUID passKey = PassKeyId.parse(id);
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    unlocked.call(
        api -> api.patch("/api/v1/passkeys/" + passKey, KeymailApi.object().put("name", name)));
    terminal.out().println("PassKey " + passKey + " is now called \"" + name + "\".");
    return ExitCodes.OK;
  }
}
