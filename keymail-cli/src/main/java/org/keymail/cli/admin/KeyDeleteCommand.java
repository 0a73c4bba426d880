package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keymail admin key delete KEY_ID --user EMAIL|ID --reason TEXT}: deletes a user's vault key
 * for good, the only way a decryption key is ever lost. The server allows it to administrators only
 * and records who, which key, whose and why in the audit log.
 */
@Command(
    name = "delete",
    description = {
      "Delete a user's vault key for good (mail encrypted only to it can no longer be read)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail admin key delete 3f0c…-… --user bob@example.org \\",
      "      --reason \"key compromised\""
    })
final class KeyDeleteCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Spec private CommandSpec spec;

  @Mixin private ServerAccess server;

  @Parameters(index = "0", paramLabel = "KEY_ID", description = "The vault key's id.")
  private String keyId;

  @Option(
      names = "--user",
      required = true,
      paramLabel = "EMAIL|ID",
      description = "The key's owner: e-mail address or user id.")
  private String user;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why the key is deleted; kept in the audit log.")
  private String reason;

  KeyDeleteCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    UUID key;
    try {
      key = UUID.fromString(keyId.strip());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "'" + keyId + "' is not a key id");
    }
    if (reason.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--reason must say why the key is deleted");
    }
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode deleted =
        unlocked.call(
            api ->
                api.delete(
                    "/api/v1/admin/users/"
                        + URLEncoder.encode(user.strip(), StandardCharsets.UTF_8)
                        + "/keys/"
                        + key
                        + "?reason="
                        + URLEncoder.encode(reason.strip(), StandardCharsets.UTF_8)
                            .replace("+", "%20")));
    terminal
        .out()
        .println(
            "deleted vault key "
                + deleted.path("keyId").asText()
                + " of "
                + user.strip()
                + "; the audit log records why: "
                + deleted.path("reason").asText());
    return ExitCodes.OK;
  }
}
