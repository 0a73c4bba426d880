package org.keymail.cli.passkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.keymail.authenticator.SoftwarePassKey;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.AccessCodeInput;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.KeymailHome;
import org.keymail.cli.client.PassKeyFileOption;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.ServerRefusal;
import org.keymail.cli.client.ServerUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keymail passkey activate --code CODE}: the activation an administrator invited you to.
 * Asks the server to start a PassKey registration, makes a new software PassKey file for it, sets
 * the access code and finishes. When the server refuses the finish, the new file is deleted again,
 * so a second try starts clean.
 */
@Command(
    name = "activate",
    description = {
      "Activate a new software PassKey with the activation code your administrator gave you, and"
          + " choose its access code."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail passkey activate --code ABCD-EFGH-JKMN-PQRS-TVWX --name laptop"})
final class ActivateCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Mixin private PassKeyFileOption passKeyFile;

  @Mixin private AccessCodeInput accessCodes;

  @Option(
      names = "--code",
      required = true,
      paramLabel = "ACTIVATION_CODE",
      description = "The one-time activation code (dashes and case do not matter).")
  private String activationCode;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "A name for this PassKey, to tell it from your others (default: software PassKey).")
  private String name = "software PassKey";

  ActivateCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    KeymailHome home = KeymailHome.of(terminal).ensure();
    Path file = passKeyFile.file(home);
    if (Files.exists(file)) {
      throw new CliFailure(
          file + " exists already; keymail does not overwrite a PassKey (give --passkey NEW-FILE)");
    }
    KeymailApi api = server.connect(terminal, home);
    ObjectNode start = KeymailApi.object().put("activationCode", activationCode);
    JsonNode ceremony = api.post("/api/v1/activation/start", start);
    char[] accessCode = accessCodes.chosen(terminal);
    try {
      String credential =
          SoftwarePassKey.create(
              file, ceremony.path("options").toString(), api.origin(), new SecureRandom());
      ObjectNode finish =
          KeymailApi.object()
              .put("activationCode", activationCode)
              .put("requestId", ceremony.path("requestId").asText())
              .put("passKeyName", name)
              .put("accessCode", new String(accessCode));
      finish.set("credential", KeymailApi.parse(credential));
      try {
        api.post("/api/v1/activation/finish", finish);
      } catch (ServerRefusal | ServerUnreachableException | RuntimeException refused) {
        // Not registered, whatever the failure: a PassKey file the server does not know would
        // only confuse later.
        deleteQuietly(file);
        throw refused;
      }
    } finally {
      Arrays.fill(accessCode, '\0');
    }
    terminal.out().println("PassKey \"" + name + "\" activated and saved in " + file + ".");
    terminal.out().println("Run 'keymail unlock' to use your keys.");
    return ExitCodes.OK;
  }

  private void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      terminal.err().println("keymail: note: could not delete the unused PassKey file " + file);
    }
  }
}
