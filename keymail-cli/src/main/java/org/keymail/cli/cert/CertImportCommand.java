package org.keymail.cli.cert;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import org.keymail.cli.keys.Password;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail cert import FILE.p12}: moves a key and its certificates from a PKCS#12 file into
 * the vault, where the key stays (the file is not changed; delete it yourself once imported).
 */
@Command(
    name = "import",
    description = {
      "Import a key and its certificates from a PKCS#12 file (.p12, .pfx) into the vault.",
      "The password comes from --password-file or $KEYMAIL_P12_PASSWORD."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  KEYMAIL_P12_PASSWORD=... keymail cert import alice.p12"})
final class CertImportCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(index = "0", paramLabel = "FILE.p12", description = "The PKCS#12 file.")
  private Path file;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "The file's password (one line); else $KEYMAIL_P12_PASSWORD.")
  private Path passwordFile;

  CertImportCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    byte[] content = Files.readAllBytes(file);
    char[] password =
        Password.from(Optional.ofNullable(passwordFile), terminal.environment()).forFile(file);
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode imported;
    try {
      imported =
          unlocked.call(
              api ->
                  api.upload(
                      "/api/v1/certificates/import",
                      new KeymailApi.Multipart(
                          Map.of("password", new String(password)),
                          "file",
                          file.getFileName().toString(),
                          content)));
    } finally {
      Arrays.fill(password, '\0');
    }
    terminal
        .out()
        .println("imported " + imported.path("keyIds").size() + " key(s) from " + file + ":");
    CertificateLines.print(terminal.out(), imported.path("certificates"));
    return ExitCodes.OK;
  }
}
