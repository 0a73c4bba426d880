package org.keymail.cli.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.JsonOutput;
import org.keymail.cli.Progress;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.AccessCodeInput;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.PassKeyFileOption;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import org.keymail.smime.SmimeException;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.NoAllowedCipherException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keymail mail send}: writes a message here (text from a file or standard input,
 * attachments), signs it with the user's vault key and encrypts it to every recipient and to the
 * user, as they ask or as their webmail options say, and hands the finished message to the server,
 * which sends it as the user and files a copy in Sent. Everything is checked before anything is
 * sent: the addresses, the files, a certificate for every recipient of an encrypted message.
 */
@Command(
    name = "send",
    description = {
      "Send a message as you: its text from --body-file or standard input, files with --attach."
          + " It is signed with your key in the vault and encrypted to every recipient and to you"
          + " when you ask (--sign, --encrypt) or your webmail options say so (sign all, encrypt"
          + " all, as your organisation's policies make them); --no-sign and --no-encrypt override"
          + " those, unless your organisation requires signing or encryption. It encrypts only"
          + " with the algorithms your organisation allows.",
      "Recipients' certificates come from the organisation's directory and your contacts; when"
          + " any is missing, nothing is sent and all of them are named."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail mail send --to bob@example.org --subject 'The plans' \\",
      "      --body-file plans.txt",
      "  echo 'See you at nine.' \\",
      "      | keymail mail send --to bob@example.org --cc carol@example.org \\",
      "      --subject Meeting --sign --encrypt --attach agenda.pdf"
    })
final class MailSendCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Option(
      names = "--to",
      paramLabel = "ADDRESS",
      split = ",",
      description = "A recipient (repeat, or separate with commas).")
  private List<String> to = new ArrayList<>();

  @Option(names = "--cc", paramLabel = "ADDRESS", split = ",", description = "A copy recipient.")
  private List<String> cc = new ArrayList<>();

  @Option(
      names = "--bcc",
      paramLabel = "ADDRESS",
      split = ",",
      description = "A blind copy recipient: the others do not see them.")
  private List<String> bcc = new ArrayList<>();

  @Option(names = "--subject", paramLabel = "TEXT", description = "The subject.")
  private String subject = "";

  @Option(
      names = "--body-file",
      paramLabel = "FILE",
      description = "The text of the message (UTF-8); without it, standard input is read.")
  private Path bodyFile;

  @Option(names = "--attach", paramLabel = "FILE", description = "A file to attach (repeatable).")
  private List<Path> attachFiles = new ArrayList<>();

  @Option(
      names = "--sign",
      negatable = true,
      description = "Sign with your key in the vault (default: your webmail's sign-all option).")
  private Boolean sign;

  @Option(
      names = "--encrypt",
      negatable = true,
      description =
          "Encrypt to every recipient and to you (default: your webmail's encrypt-all option).")
  private Boolean encrypt;

  @Option(names = "--json", description = "Say what was sent as JSON, for scripts.")
  private boolean json;

  @Mixin private ServerAccess server;

  @Mixin private PassKeyFileOption passKeyFile;

  @Mixin private AccessCodeInput accessCodes;

  MailSendCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    List<EmailAddress> toAddresses = addresses("--to", to);
    List<EmailAddress> ccAddresses = addresses("--cc", cc);
    List<EmailAddress> bccAddresses = addresses("--bcc", bcc);
    Set<EmailAddress> everyone = new LinkedHashSet<>(toAddresses);
    everyone.addAll(ccAddresses);
    everyone.addAll(bccAddresses);
    if (everyone.isEmpty()) {
      throw new CliFailure("name at least one recipient: --to ADDRESS");
    }
    List<OutgoingMime.AttachedFile> attachments = attachments();
    String body = body();

    VaultSession session = VaultSession.open(server, passKeyFile, accessCodes, terminal);
    MailOptions options = MailOptions.of(session);
    Protection protection = options.protection(sign, encrypt);
    byte[] message =
        OutgoingMime.write(
            new OutgoingMime.Parts(
                options.displayName(),
                options.address(),
                toAddresses,
                ccAddresses,
                bccAddresses,
                subject,
                body,
                attachments,
                Instant.now()));
    JsonNode sent;
    try {
      // A message with large attachments takes a while to reach the server: show how far it is.
      AtomicReference<Progress> progress = new AtomicReference<>();
      try {
        sent =
            Securing.send(
                    session,
                    options,
                    message,
                    everyone,
                    protection,
                    size -> {
                      progress.set(Progress.of(terminal, "sending", size));
                      return progress.get()::advance;
                    })
                .answer();
      } finally {
        if (progress.get() != null) {
          progress.get().done();
        }
      }
    } catch (MissingCertificatesException e) {
      throw new CliFailure(
          "not sent: "
              + e.getMessage()
              + ". Ask them for a signed message (their certificate comes with it), or send"
              + " without --encrypt",
          e);
    } catch (NoAllowedCipherException e) {
      throw new CliFailure(
          "not sent: "
              + e.getMessage()
              + "; your organisation allows only these encryption algorithms",
          e);
    } catch (SmimeException e) {
      throw new CliFailure("not sent: the message could not be secured: " + e.getMessage(), e);
    }
    report(sent, protection);
    return ExitCodes.OK;
  }

  private void report(JsonNode sent, Protection protection) throws IOException {
    if (json) {
      ObjectNode out = KeymailApi.object();
      out.set("recipients", sent.path("recipients"));
      out.put("signed", protection.signs());
      out.put("encrypted", protection.encrypts());
      out.set("storedIn", sent.path("storedIn"));
      out.set("note", sent.path("note"));
      JsonOutput.print(terminal, out);
    } else {
      List<String> recipients = new ArrayList<>();
      sent.path("recipients").forEach(r -> recipients.add(r.asText()));
      terminal
          .out()
          .println(
              "sent to "
                  + String.join(", ", recipients)
                  + " ("
                  + protection.words()
                  + ")"
                  + (sent.hasNonNull("storedIn")
                      ? "; a copy is in " + sent.path("storedIn").asText()
                      : ""));
      if (sent.hasNonNull("note")) {
        terminal.err().println("keymail: " + sent.path("note").asText());
      }
    }
    terminal.out().flush();
  }

  private static List<EmailAddress> addresses(String option, List<String> texts) throws CliFailure {
    List<EmailAddress> addresses = new ArrayList<>();
    for (String text : texts) {
      if (text.isBlank()) {
        continue;
      }
      if (!(EmailAddress.read(text.strip()) instanceof AddressReading.Usable usable)) {
        throw new CliFailure(option + " '" + text.strip() + "' is not an e-mail address");
      }
      addresses.add(usable.email());
    }
    return addresses;
  }

  private List<OutgoingMime.AttachedFile> attachments() throws CliFailure {
    List<OutgoingMime.AttachedFile> files = new ArrayList<>();
    for (Path file : attachFiles) {
      if (!Files.isRegularFile(file)) {
        throw new CliFailure("--attach " + file + ": no such file");
      }
      try {
        files.add(
            new OutgoingMime.AttachedFile(file.getFileName().toString(), Files.readAllBytes(file)));
      } catch (IOException e) {
        throw new CliFailure("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return files;
  }

  private String body() throws CliFailure {
    byte[] bytes;
    try {
      bytes = bodyFile != null ? Files.readAllBytes(bodyFile) : terminal.in().readAllBytes();
    } catch (IOException e) {
      throw new CliFailure(
          "cannot read "
              + (bodyFile != null ? bodyFile.toString() : "standard input")
              + ": "
              + e.getMessage(),
          e);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CliFailure(
          "the text of the message ("
              + (bodyFile != null ? bodyFile.toString() : "standard input")
              + ") is not UTF-8; attach binary files with --attach",
          e);
    }
  }
}
