package org.keymail.cli.smime;

import java.io.InputStream;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.AccessCodeInput;
import org.keymail.cli.client.PassKeyFileOption;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import org.keymail.cli.keys.KeyOptions;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code keymail smime decrypt}: writes the readable message of an encrypted message file, and
 * notes the verdict on standard error when it was signed too.
 */
@Command(
    name = "decrypt",
    description = {
      "Decrypt a message with your keys in the vault (every one of them, old ones included,"
          + " unlocking with your PassKey if needed) or a key file; a signature inside is"
          + " verified (verdict on stderr)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail smime decrypt encrypted.eml > message.eml",
      "  keymail smime decrypt --cert bob.pem --key bob-key.pem encrypted.eml \\",
      "      > message.eml"
    })
final class DecryptCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private KeyOptions keyOptions;

  @Mixin private TrustOptions trustOptions;

  @Mixin private MessageFiles files;

  @Mixin private ServerAccess server;

  @Mixin private PassKeyFileOption passKeyFile;

  @Mixin private AccessCodeInput accessCodes;

  DecryptCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    MessageReader.Builder builder =
        MessageReader.builder()
            .trust(
                trustOptions.hasAnchors() || keyOptions.hasKeyFile()
                    ? trustOptions.settings()
                    : trustOptions.settings(OrganisationRoot.of(server, terminal)));
    if (keyOptions.hasKeyFile()) {
      builder.key(keyOptions.load(terminal.environment()).key());
    } else {
      // The vault's handles only ask the server for the one key the message is encrypted to.
      builder.keys(
          VaultKeys.list(VaultSession.open(server, passKeyFile, accessCodes, terminal))
              .decryptionKeys());
    }
    MessageReader reader = builder.build();
    try (InputStream message = files.openInput(terminal);
        ReadResult result = files.read(reader, message)) {
      if (!result.isEncrypted()) {
        terminal.err().println("note: " + files.inputName() + " was not encrypted");
      }
      files.writeOutput(
          terminal,
          out -> {
            result.writeMessage(out);
            return result;
          });
      result.verdict().ifPresent(verdict -> terminal.err().println(verdict.summary()));
    }
    return ExitCodes.OK;
  }
}
