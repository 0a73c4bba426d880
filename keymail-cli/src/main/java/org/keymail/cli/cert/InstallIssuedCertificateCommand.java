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
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail cert install ID|CERT.pem}: puts an issued certificate into your vault beside its
 * key. With a request id it is the certificate the organisation's CA issued for that request (once
 * an administrator approved it); with a file, a certificate another CA issued for a request from
 * {@code keymail cert generate}. The vault refuses either unless its public key is one of your
 * vault keys.
 */
@Command(
    name = "install",
    description = {
      "Install an issued certificate in the vault: by request ID, or from a PEM file.",
      "         keymail cert install me.pem"
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail cert install 42"})
final class InstallIssuedCertificateCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(
      index = "0",
      paramLabel = "ID|CERT.pem",
      description = "A certificate request's id, or a file with the issued certificate (PEM).")
  private String what;

  InstallIssuedCertificateCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    Path file = Path.of(what);
    // Request ids are letters, digits and dashes: anything that is a file, or looks like a path
    // or a file name, is a certificate file.
    if (Files.isRegularFile(file) || what.contains(".") || what.contains("/")) {
      String pem = Files.readString(file, StandardCharsets.ISO_8859_1);
      VaultSession unlocked = VaultSession.openNow(server, terminal);
      JsonNode installed =
          unlocked.call(
              api -> api.post("/api/v1/certificates", KeymailApi.object().put("certificate", pem)));
      terminal.out().println("installed:");
      CertificateLines.print(terminal.out(), List.of(installed));
      return ExitCodes.OK;
    }
    String id = CertificateRequests.requestId(what);
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode request =
        unlocked.call(
            api ->
                api.post("/api/v1/certificate-requests/" + id + "/install", KeymailApi.object()));
    terminal.out().println(CertificateRequests.sentence(request));
    return ExitCodes.OK;
  }
}
