package org.keymail.cli.smime;

import java.io.InputStream;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
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
      "Decrypt a message with your key; a signature inside is verified (verdict on stderr).",
      "Example: keymail smime decrypt --cert bob.pem --key bob-key.pem encrypted.eml > message.eml"
    })
final class DecryptCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private KeyOptions keyOptions;

  @Mixin private TrustOptions trustOptions;

  @Mixin private MessageFiles files;

  DecryptCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    MessageReader reader =
        MessageReader.builder()
            .key(keyOptions.load(terminal.environment()).key())
            .trust(trustOptions.settings())
            .build();
    try (InputStream message = files.openInput(terminal);
        ReadResult result = reader.read(message)) {
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
