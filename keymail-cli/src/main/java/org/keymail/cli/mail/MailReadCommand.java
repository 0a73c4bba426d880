package org.keymail.cli.mail;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.JsonOutput;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.AccessCodeInput;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.PassKeyFileOption;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import org.keymail.cli.smime.OrganisationRoot;
import org.keymail.cli.smime.TrustOptions;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.verdict.TrustSettings;
import org.keymail.smime.verdict.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail mail read UID}: fetches one message as the server holds it, decrypts it here with
 * the user's vault keys when it is encrypted (only the content key is unwrapped by the vault),
 * verifies its signature as {@code keymail smime verify} does, and prints its header, the verdict
 * (who signed it, apart from who it says it is from) and its text; attachments are saved on
 * request.
 */
@Command(
    name = "read",
    description = {
      "Read a message: decrypted with your keys in the vault when it is encrypted (unlocking with"
          + " your PassKey if needed), its signature verified against your organisation's CA"
          + " (as 'keymail smime verify' does), then its header, the verdict and its text; it is"
          + " then marked read (not with --raw).",
      "Exit status: 0 read (a signature valid and trusted, or none), 3 valid but untrusted"
          + " signature, 4 invalid signature, 2 no such message or unreadable."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail mail read 42 --save-attachments ~/Downloads",
      "  keymail mail read 7 --folder Sent --raw > sent.eml",
      "  keymail mail read 42 --json | jq -r .verdict.status"
    })
final class MailReadCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Parameters(
      index = "0",
      paramLabel = "UID",
      description = "The message's UID, from 'keymail mail list'.")
  private long uid;

  @Option(
      names = "--folder",
      paramLabel = "FOLDER",
      description = "The folder the message is in (default: INBOX).")
  private String folder = Folders.INBOX;

  @Option(
      names = "--save-attachments",
      paramLabel = "DIR",
      description =
          "Save the attachments in DIR (made when missing), byte for byte, under safe names that"
              + " never replace a file there.")
  private Path attachmentFolder;

  @Option(
      names = "--raw",
      description =
          "Write the message as received (RFC 822, still encrypted if it was) to standard output,"
              + " for other tools (openssl cms, gpgsm).")
  private boolean raw;

  @Option(
      names = "--json",
      description =
          "Print the message as JSON for scripts: fields, signed, encrypted, verdict (status,"
              + " summary, signedBy), text, attachments (name, type, size, savedAs).")
  private boolean json;

  @Mixin private TrustOptions trustOptions;

  @Mixin private ServerAccess server;

  @Mixin private PassKeyFileOption passKeyFile;

  @Mixin private AccessCodeInput accessCodes;

  MailReadCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    VaultSession session = VaultSession.open(server, passKeyFile, accessCodes, terminal);
    byte[] message =
        session.call(api -> api.download(Folders.message(folder, uid), "message/rfc822"));
    if (raw) {
      terminal.out().write(message);
      terminal.out().flush();
      return ExitCodes.OK;
    }
    // Coworkers' signatures verify as trusted: the organisation's root, unless --trust says else.
    TrustSettings trust =
        trustOptions.hasAnchors()
            ? trustOptions.settings()
            : trustOptions.settings(OrganisationRoot.of(server, terminal));
    try (ReadResult result = MessageOpening.open(session, message, trust)) {
      ReadableMessage readable;
      try (InputStream opened = result.openMessage()) {
        readable = ReadableMessage.read(opened);
      }
      List<Optional<Path>> savedAs = save(readable.attachments());
      if (json) {
        JsonOutput.print(terminal, ReadingJson.of(folder, uid, readable, result, savedAs));
      } else {
        print(readable, result);
      }
      session.call(api -> api.post(Folders.seen(folder, uid), KeymailApi.object()));
      return result.verdict().map(v -> ExitCodes.of(v.status())).orElse(ExitCodes.OK);
    }
  }

  private void print(ReadableMessage message, ReadResult result) {
    var out = terminal.out();
    for (ReadableMessage.Field field : message.fields()) {
      out.println(field.name() + ": " + TerminalText.line(field.value()));
    }
    out.println("Security: " + security(result));
    Optional<Verdict> verdict = result.verdict();
    if (verdict.isPresent()) {
      out.println("Signed by: " + TerminalText.line(verdict.get().signerName()));
      out.println("Verdict: " + TerminalText.line(verdict.get().summary()));
    }
    for (String note : result.notes()) {
      out.println("Note: " + TerminalText.line(note));
    }
    List<ReadableMessage.Attachment> attachments = message.attachments();
    for (int i = 0; i < attachments.size(); i++) {
      ReadableMessage.Attachment a = attachments.get(i);
      out.println(
          "Attachment "
              + (i + 1)
              + ": "
              + TerminalText.line(a.name().orElse("(no name)"))
              + " ("
              + a.type()
              + ", "
              + MailListCommand.size(a.content().length)
              + ")");
    }
    out.println();
    if (message.text().isPresent()) {
      String text = TerminalText.lines(message.text().get());
      out.print(text.endsWith("\n") ? text : text + "\n");
    } else {
      out.println(
          message.htmlOnly()
              ? "(the message has an HTML body only: open it in the webmail, or see it with --raw)"
              : "(the message has no text)");
    }
    out.flush();
  }

  private static String security(ReadResult result) {
    List<String> what = new ArrayList<>();
    if (result.isSigned()) {
      what.add("signed");
    }
    if (result.isEncrypted()) {
      what.add("encrypted");
    }
    return what.isEmpty() ? "neither signed nor encrypted" : String.join(" and ", what);
  }

  /** Saves the attachments when asked; the file each went to, in order. */
  private List<Optional<Path>> save(List<ReadableMessage.Attachment> attachments) throws Exception {
    List<Optional<Path>> saved = new ArrayList<>();
    if (attachmentFolder == null) {
      attachments.forEach(a -> saved.add(Optional.empty()));
      return saved;
    }
    AttachmentFiles files = AttachmentFiles.in(attachmentFolder);
    for (ReadableMessage.Attachment attachment : attachments) {
      Path written = files.write(attachment.name().orElse("attachment"), attachment.content());
      saved.add(Optional.of(written));
      terminal.err().println("saved " + written + " (" + attachment.content().length + " bytes)");
    }
    return saved;
  }
}
