package org.keymail.cli.smime;

import java.io.BufferedInputStream;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.AccessCodeInput;
import org.keymail.cli.client.PassKeyFileOption;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
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
      "Trusts the root of your organisation's CA (from the keymail server) unless --trust names"
          + " anchors; asks issuers about revocation unless --no-check-revocation.",
      "A revocation status that cannot be established is a note; with --require-revocation it"
          + " keeps the signer from being trusted, and the verdict line says why.",
      "Exit status: 0 valid and trusted, 3 valid but untrusted, 4 invalid, 2 unreadable or not"
          + " signed."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail smime verify --trust ca.pem signed.eml"})
final class VerifyCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private TrustOptions trustOptions;

  @Mixin private KeyOptions keyOptions;

  @Mixin private MessageFiles files;

  @Mixin private ServerAccess server;

  @Mixin private PassKeyFileOption passKeyFile;

  @Mixin private AccessCodeInput accessCodes;

  VerifyCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    try (BufferedInputStream message = new BufferedInputStream(files.openInput(terminal))) {
      // Without --trust, the organisation's own root: coworkers' signatures verify as trusted.
      MessageReader.Builder reader =
          MessageReader.builder()
              .trust(
                  trustOptions.hasAnchors()
                      ? trustOptions.settings()
                      : trustOptions.settings(OrganisationRoot.ifKnown(server, terminal)));
      // Keys are needed only when the signature is inside an encryption: key files when given,
      // else the vault's (asking the server only then, so verifying signed mail needs no server).
      if (keyOptions.hasKeyFile()) {
        reader.key(keyOptions.load(terminal.environment()).key());
      } else if (VaultKeys.looksEncrypted(message)) {
        reader.keys(
            VaultKeys.list(VaultSession.open(server, passKeyFile, accessCodes, terminal))
                .decryptionKeys());
      }
      try (ReadResult result = files.read(reader.build(), message)) {
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
}
