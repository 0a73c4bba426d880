package org.keymail.cli.smime;

import java.io.InputStream;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.keys.KeyOptions;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.verdict.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code keymail smime verify}: prints the verdict on a message's signature as one line and reports
 * it in the exit status, for people and scripts alike.
 */
@Command(
    name = "verify",
    description = {
      "Verify a signed (or signed and encrypted) message: prints one verdict line.",
      "Exit status: 0 valid and trusted, 3 valid but untrusted, 4 invalid, 2 unreadable or not"
          + " signed.",
      "Example: keymail smime verify --trust ca.pem signed.eml"
    })
final class VerifyCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private TrustOptions trustOptions;

  @Mixin private KeyOptions keyOptions;

  @Mixin private MessageFiles files;

  VerifyCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    MessageReader.Builder reader = MessageReader.builder().trust(trustOptions.settings());
    if (keyOptions.isGiven()) {
      // Only needed when the signature is inside an encryption.
      reader.key(keyOptions.load(terminal.environment()).key());
    }
    try (InputStream message = files.openInput(terminal);
        ReadResult result = reader.build().read(message)) {
      Verdict verdict =
          result
              .verdict()
              .orElseThrow(
                  () ->
                      new CliFailure(
                          "not signed: " + files.inputName() + " carries no S/MIME signature"));
      terminal.out().println(verdict.summary());
      terminal.out().flush();
      files.writeOutputFileIfAsked(
          out -> {
            result.writeMessage(out);
            return verdict;
          });
      return ExitCodes.of(verdict.status());
    }
  }
}
