package org.keymail.cli.cert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import org.keymail.pki.template.KeyType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keymail cert generate --algorithm ALG}: the vault makes a new key pair, which never leaves
 * it, and returns a PKCS#10 certification request to send to a certificate authority; its answer
 * goes back in with {@code keymail cert install}.
 */
@Command(
    name = "generate",
    description = {
      "Generate a key pair inside the vault and print its PKCS#10 certification request (PEM)."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail cert generate --algorithm ec-p256 --out me.csr"})
final class CertGenerateCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Option(
      names = "--algorithm",
      required = true,
      paramLabel = "ALG",
      description =
          "rsa-2048, rsa-3072, rsa-4096, ec-p256 or ec-p384 (the key types the CA certifies).")
  private String algorithm;

  @Option(
      names = "--common-name",
      paramLabel = "NAME",
      description = "The request's common name (default: your display name).")
  private String commonName;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the request here instead of standard output.")
  private Path out;

  CertGenerateCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    KeyType chosen =
        KeyType.parse(algorithm)
            .orElseThrow(
                () ->
                    new CliFailure(
                        "unknown --algorithm '"
                            + algorithm
                            + "': use "
                            + KeyType.allDisplayNames()));
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    ObjectNode request = KeymailApi.object().put("algorithm", chosen.displayName());
    if (commonName != null) {
      request.put("commonName", commonName);
    }
    JsonNode generated = unlocked.call(api -> api.post("/api/v1/keys", request));
    String pem = generated.path("certificationRequest").asText();
    if (out == null) {
      terminal.out().print(pem);
      terminal.out().flush();
    } else {
      write(out, pem);
      terminal.err().println("keymail: certification request written to " + out);
    }
    terminal
        .err()
        .println(
            "keymail: new "
                + chosen.displayName()
                + " key "
                + generated.path("keyId").asText()
                + " is in the vault");
    return ExitCodes.OK;
  }

  private static void write(Path file, String pem) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    Path partial = Files.createTempFile(folder, "." + file.getFileName(), ".partial");
    try {
      Files.writeString(partial, pem, StandardCharsets.US_ASCII);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
