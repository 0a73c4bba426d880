package org.keymail.cli.cert;

import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.Unlocked;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code keymail cert list}. */
@Command(name = "list", description = {"List your certificates in the vault."})
final class CertListCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  CertListCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    Unlocked unlocked = Unlocked.open(server, terminal);
    CertificateLines.print(terminal.out(), unlocked.api().get("/api/v1/certificates"));
    return ExitCodes.OK;
  }
}
