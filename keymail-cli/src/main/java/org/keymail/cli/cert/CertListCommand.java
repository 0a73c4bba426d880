package org.keymail.cli.cert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.JsonOutput;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.AccessCodeInput;
import org.keymail.cli.client.PassKeyFileOption;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keymail cert list}: the user's own certificates in the vault — never a CA certificate of a
 * chain — with their state, purposes, key ids, and which ones keymail uses now.
 */
@Command(
    name = "list",
    description = {
      "List your certificates in the vault: valid, expired or revoked, what each is for, which"
          + " one keymail signs and encrypts with, and the key id that 'smime sign --cert' takes."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail cert list"})
final class CertListCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Mixin private PassKeyFileOption passKeyFile;

  @Mixin private AccessCodeInput accessCodes;

  @Option(names = "--json", description = "Print the server's JSON, for scripts.")
  private boolean json;

  CertListCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    JsonNode certificates =
        VaultSession.open(server, passKeyFile, accessCodes, terminal)
            .call(api -> api.get("/api/v1/certificates"));
    if (json) {
      JsonOutput.print(terminal, certificates);
    } else {
      CertificateLines.print(terminal.out(), certificates);
    }
    return ExitCodes.OK;
  }
}
