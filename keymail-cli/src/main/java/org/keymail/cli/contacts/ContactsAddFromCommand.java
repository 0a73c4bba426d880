package org.keymail.cli.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.JsonOutput;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.AccessCodeInput;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.PassKeyFileOption;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import org.keymail.cli.mail.Folders;
import org.keymail.cli.mail.TerminalText;
import org.keymail.cli.smime.OrganisationRoot;
import org.keymail.cli.smime.TrustOptions;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.smime.verdict.Verdict;
import org.keymail.smime.verdict.VerdictStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail contacts add-from UID|FILE.eml}: keeps the signer of a signed message among the
 * user's contacts, by the webmail's rule: the signature is verified here first (decrypted with the
 * vault keys when the message is encrypted), an invalid one adds nobody, a valid one whose signer
 * keymail cannot vouch for is added with its verdict shown, and the signer's certificate is kept
 * for each of its addresses, with the From's name for the address From names.
 */
@Command(
    name = "add-from",
    description = {
      "Add the signer of a signed message to your contacts, so you can encrypt to them: the"
          + " message UID (from 'keymail mail list') or an .eml file. The signature is verified"
          + " first (the message decrypted with your vault keys when it is encrypted); a valid"
          + " signature adds its signer's certificate, for each address it names, also when"
          + " keymail cannot vouch for the signer (the verdict is shown).",
      "Exit status: 0 added, 4 the signature does not hold (nobody added), 2 not signed, no"
          + " such message or unreadable."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail contacts add-from 42",
      "  keymail contacts add-from 7 --folder Archive",
      "  keymail contacts add-from carol-signed.eml --json \\",
      "      | jq -r '.contacts[].fingerprint'"
    })
final class ContactsAddFromCommand implements Callable<Integer> {

  /** A UID is all digits; anything else names a file ({@code ./42} for a file called 42). */
  private static final Pattern UID = Pattern.compile("[0-9]{1,18}");

  private final Terminal terminal;

  @Parameters(
      index = "0",
      paramLabel = "UID|FILE.eml",
      description = "The message: its UID in your mailbox, or a file holding it.")
  private String message;

  @Option(
      names = "--folder",
      paramLabel = "FOLDER",
      description = "The folder a UID is in (default: INBOX).")
  private String folder = Folders.INBOX;

  @Option(
      names = "--json",
      description =
          "Print the verdict (status, summary) and the contacts kept as the server lists them.")
  private boolean json;

  @Mixin private TrustOptions trustOptions;

  @Mixin private ServerAccess server;

  @Mixin private PassKeyFileOption passKeyFile;

  @Mixin private AccessCodeInput accessCodes;

  ContactsAddFromCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    VaultSession session = VaultSession.open(server, passKeyFile, accessCodes, terminal);
    byte[] raw =
        UID.matcher(message).matches()
            ? session.call(
                api ->
                    api.download(
                        Folders.message(folder, Long.parseLong(message)), "message/rfc822"))
            : Files.readAllBytes(Path.of(message));
    SignedMessage read =
        SignedMessage.read(
            raw,
            session,
            trustOptions.hasAnchors()
                ? trustOptions.settings()
                : trustOptions.settings(OrganisationRoot.of(server, terminal)));
    Verdict verdict =
        read.verdict()
            .orElseThrow(
                () ->
                    new CliFailure(
                        "not signed: "
                            + message
                            + " carries no signature, so there is no signer to add"));
    if (verdict.status() == VerdictStatus.INVALID) {
      terminal.err().println("keymail: nobody added: " + TerminalText.line(verdict.summary()));
      return ExitCodes.INVALID;
    }
    X509Certificate signer =
        verdict
            .signer()
            .orElseThrow(
                () ->
                    new CliFailure(
                        "the signature of "
                            + message
                            + " carries no certificate: ask the sender to send one with it"));
    ObjectNode add = KeymailApi.object();
    add.put("certificate", CertificateAuthority.pem(signer));
    read.fromAddress().ifPresent(a -> add.put("fromAddress", a));
    read.fromName().ifPresent(n -> add.put("fromName", n));
    JsonNode kept = session.call(api -> api.post("/api/v1/contacts", add));
    if (json) {
      ObjectNode out = KeymailApi.object();
      out.putObject("verdict")
          .put("status", verdict.status().name())
          .put("summary", verdict.summary());
      out.set("contacts", kept);
      JsonOutput.print(terminal, out);
      return ExitCodes.OK;
    }
    terminal.out().println("Verdict: " + TerminalText.line(verdict.summary()));
    for (JsonNode contact : kept) {
      ContactLines.print(terminal.out(), contact);
    }
    terminal.out().flush();
    return ExitCodes.OK;
  }
}
