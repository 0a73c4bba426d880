package org.keymail.cli.cert;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.Unlocked;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail cert install CERT.pem}: the certificate a CA issued for a request from {@code
 * keymail cert generate}. The vault refuses it unless its public key is one of your vault keys.
 */
@Command(
    name = "install",
    description = {
      "Install the certificate issued for a key generated in the vault (PEM).",
      "Example: keymail cert install me.pem"
    })
final class CertInstallCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(index = "0", paramLabel = "CERT.pem", description = "The issued certificate.")
  private Path file;

  CertInstallCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    String pem = Files.readString(file, StandardCharsets.ISO_8859_1);
    Unlocked unlocked = Unlocked.open(server, terminal);
    JsonNode installed = unlocked.api().post("/api/v1/certificates", KeymailApi.object().put("certificate", pem));
    terminal.out().println("installed:");
    CertificateLines.print(terminal.out(), List.of(installed));
    return ExitCodes.OK;
  }
}
