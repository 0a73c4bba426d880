package org.keymail.cli.cert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keymail cert request --template NAME}: asks the organisation's certificate authority for a
 * certificate. The vault makes the key pair and its PKCS#10 request, so no private key travels;
 * with automatic approval the certificate is issued and installed in the vault at once, otherwise
 * the request waits for an administrator. With {@code --csr FILE} the request is one you made with
 * a key you hold yourself; the issued certificate is printed (or written to {@code --out}).
 */
@Command(
    name = "request",
    description = {
      "Request a certificate from the organisation's CA (the key is made inside the vault).",
      "         keymail cert request --template secure-email --csr me.csr --out me.pem"
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail cert request --template secure-email --key-type ec-p256"})
final class CertRequestCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Option(
      names = "--template",
      required = true,
      paramLabel = "NAME",
      description =
          "The certificate template: secure-email, smartcard-logon, user, or one your administrator made.")
  private String template;

  @Option(
      names = "--key-type",
      paramLabel = "TYPE",
      description =
          "The key to make in the vault: rsa-2048, rsa-3072, rsa-4096, ec-p256 or ec-p384, as the template allows (default: its first).")
  private String keyType;

  @Option(
      names = "--csr",
      paramLabel = "FILE",
      description = "Send this PKCS#10 request (PEM) for a key you hold yourself instead.")
  private Path csr;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "With --csr: write the issued certificate here instead of standard output.")
  private Path out;

  CertRequestCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    if (csr != null && keyType != null) {
      throw new CliFailure("--key-type is for keys made in the vault; a --csr names its own key");
    }
    if (csr == null && out != null) {
      throw new CliFailure(
          "--out is for --csr requests; a certificate for a vault key is installed in the vault");
    }
    ObjectNode body = KeymailApi.object().put("template", template.strip());
    if (csr != null) {
      String pem = Files.readString(csr, StandardCharsets.ISO_8859_1);
      if (!pem.contains("-----BEGIN CERTIFICATE REQUEST-----")) {
        throw new CliFailure(
            "cannot read "
                + csr
                + ": not a PEM certificate request (-----BEGIN CERTIFICATE REQUEST-----)");
      }
      body.put("csr", pem);
    } else if (keyType != null) {
      body.put("keyType", keyType.strip());
    }
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    String path = "/api/v1/certificate-requests" + (csr != null ? "/csr" : "");
    JsonNode request = unlocked.call(api -> api.post(path, body));
    if ("DENIED".equals(CertificateRequests.status(request))) {
      throw new CliFailure(CertificateRequests.sentence(request));
    }
    if (csr != null && "ISSUED".equals(CertificateRequests.status(request))) {
      IssuedCertificateOutput.write(terminal, out, request.path("certificate").asText());
      terminal.err().println("keymail: " + CertificateRequests.sentence(request));
      return ExitCodes.OK;
    }
    terminal.out().println(CertificateRequests.sentence(request));
    return ExitCodes.OK;
  }
}
