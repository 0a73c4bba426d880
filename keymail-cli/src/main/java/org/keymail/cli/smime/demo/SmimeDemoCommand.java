package org.keymail.cli.smime.demo;

import static org.keymail.cli.SuggestedCommands.quoted;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.SuggestedCommands;
import org.keymail.cli.Terminal;
import org.keymail.pki.template.KeyType;
import org.keymail.smime.SmimeException;
import org.keymail.smime.encrypt.EncryptionReport;
import org.keymail.smime.encrypt.MessageEncryptor;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.smime.verdict.TrustSettings;
import org.keymail.smime.verdict.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keymail smime demo}: runs keymail's S/MIME end to end on files, without a server (the
 * whole system, server included, is {@code keymail demo}). Sets up a demo organisation (its CA made
 * and issuing as an organisation's keymail CA does, alice with an RSA key, bob with an EC key),
 * then alice signs a message, encrypts it to bob and herself, and bob decrypts and verifies it;
 * prints each step, the files, and the commands to try next.
 */
@Command(
    name = "demo",
    description = {
      "Run S/MIME end to end on files, without a server: a demo organisation's CA (keymail's own,"
          + " with the certificates it issues), alice and bob, sign, encrypt, decrypt, verify.",
      "Exit status 0 only when the round trip succeeded."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail smime demo                     # works in ./keymail-smime-demo",
      "  keymail smime demo --dir /tmp/smime-demo"
    })
public final class SmimeDemoCommand implements Callable<Integer> {

  static final String ALICE = "alice@example.org";
  static final String BOB = "bob@example.org";
  private static final String MESSAGE = "message.eml";
  private static final String SIGNED = "message.signed.eml";
  private static final String ENCRYPTED = "message.encrypted.eml";
  private static final String DECRYPTED = "message.decrypted.eml";

  private final Terminal terminal;
  private final Clock clock = Clock.systemUTC();

  /**
   * A folder of its own, beside where the demo is run: never inside the server's data folder
   * ({@code ./data}), whose files the server keeps private and checks on every start, nor the
   * folder of {@code keymail demo}, which runs the whole system.
   */
  static final String DEFAULT_FOLDER = "keymail-smime-demo";

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = DEFAULT_FOLDER,
      description =
          "Folder for the demo's keys, certificates and messages (default: ./${DEFAULT-VALUE}).")
  private Path dir;

  SmimeDemoCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = terminal.out();
    out.println("keymail smime demo in " + dir);
    DemoFolder folder = new DemoFolder(dir);
    DemoOrganisation organisation = DemoOrganisation.open(folder, clock, out);
    DemoOrganisation.Person alice = organisation.person("alice", "Alice", ALICE, KeyType.RSA_2048);
    DemoOrganisation.Person bob = organisation.person("bob", "Bob", BOB, KeyType.EC_P256);
    Files.write(folder.file(MESSAGE), DemoMessage.compose(ALICE, BOB, ZonedDateTime.now(clock)));
    out.println(
        "  message           "
            + folder.file(MESSAGE)
            + " (with attachment "
            + DemoMessage.ATTACHMENT_NAME
            + ")");

    aliceSigns(folder, alice, out);
    aliceEncrypts(folder, alice, bob, out);
    Verdict verdict = bobDecryptsAndVerifies(folder, organisation, bob, out);

    printNextSteps(out, folder, alice, bob);
    // Anything but VALID_TRUSTED means the round trip did not work as it should.
    return ExitCodes.of(verdict.status());
  }

  private static void aliceSigns(DemoFolder folder, DemoOrganisation.Person alice, PrintStream out)
      throws SmimeException, IOException {
    MessageSigner signer = MessageSigner.builder(alice.key()).chain(alice.chain()).build();
    transform(
        folder,
        MESSAGE,
        SIGNED,
        (in, signed) -> {
          signer.sign(in, signed);
          return signer.algorithm();
        });
    out.println(
        "1. alice signs                 -> "
            + folder.file(SIGNED)
            + " ("
            + signer.algorithm().displayName()
            + ", multipart/signed)");
  }

  private static void aliceEncrypts(
      DemoFolder folder,
      DemoOrganisation.Person alice,
      DemoOrganisation.Person bob,
      PrintStream out)
      throws SmimeException, IOException {
    MessageEncryptor encryptor =
        MessageEncryptor.builder()
            .recipient(bob.key().certificate())
            .senderCopy(alice.key().certificate())
            .build();
    EncryptionReport report = transform(folder, SIGNED, ENCRYPTED, encryptor::encrypt);
    out.println(
        "2. alice encrypts to bob + her own copy -> "
            + folder.file(ENCRYPTED)
            + " ("
            + report.cipher().displayName()
            + ": "
            + report.why()
            + ")");
  }

  private static Verdict bobDecryptsAndVerifies(
      DemoFolder folder,
      DemoOrganisation organisation,
      DemoOrganisation.Person bob,
      PrintStream out)
      throws SmimeException, IOException, CliFailure {
    MessageReader reader =
        MessageReader.builder()
            .key(bob.key())
            .trust(TrustSettings.builder().anchor(organisation.root()).build())
            .build();
    Verdict verdict;
    try (InputStream encrypted = Files.newInputStream(folder.file(ENCRYPTED));
        ReadResult result = reader.read(encrypted);
        OutputStream decrypted = Files.newOutputStream(folder.file(DECRYPTED))) {
      if (!result.isEncrypted()) {
        throw new CliFailure("demo failed: the message bob received was not encrypted");
      }
      result.writeMessage(decrypted);
      verdict =
          result
              .verdict()
              .orElseThrow(
                  () -> new CliFailure("demo failed: the decrypted message is not signed"));
    }
    out.println("3. bob decrypts                -> " + folder.file(DECRYPTED));
    out.println("4. bob verifies: " + verdict.summary());
    return verdict;
  }

  /** One step of the demo: reads one file of the folder and writes another. */
  @FunctionalInterface
  private interface Step<R> {
    R run(InputStream in, OutputStream out) throws SmimeException, IOException;
  }

  private static <R> R transform(DemoFolder folder, String from, String to, Step<R> step)
      throws SmimeException, IOException {
    try (InputStream in = Files.newInputStream(folder.file(from));
        OutputStream out = Files.newOutputStream(folder.file(to))) {
      return step.run(in, out);
    }
  }

  private static void printNextSteps(
      PrintStream out,
      DemoFolder folder,
      DemoOrganisation.Person alice,
      DemoOrganisation.Person bob) {
    String ca = quoted(folder.file(DemoOrganisation.CA_CERTIFICATE));
    String signed = quoted(folder.file(SIGNED));
    String encrypted = quoted(folder.file(ENCRYPTED));
    String message = quoted(folder.file(MESSAGE));
    String keymail = SuggestedCommands.keymail();
    List<String> commands =
        List.of(
            keymail + " smime verify --trust " + ca + " " + signed,
            keymail
                + " smime decrypt --cert "
                + quoted(folder.file(bob.certificateFile()))
                + " --key "
                + quoted(folder.file(bob.keyFile()))
                + " --trust "
                + ca
                + " "
                + encrypted,
            keymail
                + " smime decrypt --cert "
                + quoted(folder.file(alice.certificateFile()))
                + " --key "
                + quoted(folder.file(alice.keyFile()))
                + " "
                + encrypted
                + "   # alice's own copy",
            keymail
                + " smime sign --cert "
                + quoted(folder.file(alice.certificateFile()))
                + " --key "
                + quoted(folder.file(alice.keyFile()))
                + " "
                + message
                + " > signed.eml",
            keymail
                + " smime encrypt --to-cert "
                + quoted(folder.file(bob.certificateFile()))
                + " --cert "
                + quoted(folder.file(alice.certificateFile()))
                + " "
                + message
                + " > encrypted.eml",
            "openssl cms -verify -CAfile "
                + ca
                + " -purpose smimesign -in "
                + signed
                + " -out /dev/null");
    out.println();
    out.println("Try next:");
    commands.forEach(c -> out.println("  " + c));
  }
}
