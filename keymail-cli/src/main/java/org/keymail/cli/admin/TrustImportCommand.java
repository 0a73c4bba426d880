package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import org.keymail.smime.CertificateFingerprint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail admin trust import FILE}: adds a third-party root CA (PEM or DER) to the
 * organisation's trust store, so mail signed under it verifies as trusted.
 */
@Command(
    name = "import",
    description = {
      "Trust a third-party root CA certificate (PEM or DER) for the whole organisation."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail admin trust import partner-root.pem"})
final class TrustImportCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(index = "0", paramLabel = "FILE", description = "The root certificate, PEM or DER.")
  private Path file;

  TrustImportCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    byte[] certificate = Files.readAllBytes(file);
    if (certificate.length == 0) {
      throw new CliFailure("cannot read " + file + ": it is empty");
    }
    boolean pem =
        new String(certificate, StandardCharsets.ISO_8859_1)
            .contains("-----BEGIN CERTIFICATE-----");
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode root =
        unlocked.call(
            api ->
                api.post(
                    "/api/v1/admin/trust/roots",
                    pem ? "application/x-pem-file" : "application/pkix-cert",
                    certificate));
    terminal
        .out()
        .println(
            "trusted: "
                + root.path("subject").asText()
                + " (SHA-256 "
                + CertificateFingerprint.readable(root.path("sha256").asText())
                + ")");
    return ExitCodes.OK;
  }
}
