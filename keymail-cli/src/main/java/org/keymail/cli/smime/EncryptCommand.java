package org.keymail.cli.smime;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.AccessCodeInput;
import org.keymail.cli.client.PassKeyFileOption;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import org.keymail.cli.keys.CertificateFiles;
import org.keymail.cli.keys.KeyOptions;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.encrypt.EncryptionReport;
import org.keymail.smime.encrypt.MessageEncryptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keymail smime encrypt}: encrypts a message file to recipients' certificates and, when the
 * user names their own certificate, to them as well.
 */
@Command(
    name = "encrypt",
    description = {
      "Encrypt a message to its recipients and to you (so your sent copy stays readable).",
      "Recipients by address (--to, their certificate from the organisation's directory) or by"
          + " certificate file (--to-cert); you by your vault's encryption certificate, or --cert."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail smime encrypt --to bob@example.org message.eml > encrypted.eml",
      "  keymail smime encrypt --to-cert bob.pem --cert alice.pem message.eml \\",
      "      > encrypted.eml"
    })
final class EncryptCommand implements Callable<Integer> {

  static final String NO_SENDER_COPY_NOTE =
      "note: not encrypted to you (no --cert): you will not be able to read this copy";

  private final Terminal terminal;

  @Mixin private KeyOptions keyOptions;

  @Mixin private MessageFiles files;

  @Option(
      names = "--to-cert",
      paramLabel = "CERT.pem",
      description =
          "A recipient's certificate (PEM; repeat for each recipient). CA certificates in the file"
              + " are skipped.")
  private List<Path> recipientFiles = new ArrayList<>();

  @Option(
      names = "--to",
      paramLabel = "ADDRESS",
      description =
          "A recipient in the organisation's directory, by e-mail address (repeat for each).")
  private List<String> recipientAddresses = new ArrayList<>();

  @Mixin private ServerAccess server;

  @Mixin private PassKeyFileOption passKeyFile;

  @Mixin private AccessCodeInput accessCodes;

  @Option(
      names = "--cipher",
      paramLabel = "NAME",
      description =
          "aes-256-gcm or aes-256-cbc; by default aes-256-cbc, which every client reads, since"
              + " recipients' capabilities are unknown here.")
  private String cipher;

  @Option(names = "--verbose", description = "Say which cipher was chosen and why.")
  private boolean verbose;

  EncryptCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    if (recipientFiles.isEmpty() && recipientAddresses.isEmpty()) {
      throw new CliFailure("name the recipients: --to ADDRESS or --to-cert CERT.pem");
    }
    MessageEncryptor.Builder encryptor = MessageEncryptor.builder();
    for (X509Certificate recipient : CertificateFiles.readPeople(recipientFiles)) {
      encryptor.recipient(recipient);
    }
    Optional<X509Certificate> own = keyOptions.certificate(terminal.environment());
    if (!recipientAddresses.isEmpty()) {
      VaultSession session = VaultSession.open(server, passKeyFile, accessCodes, terminal);
      for (X509Certificate recipient : Directory.certificates(session, recipientAddresses)) {
        encryptor.recipient(recipient);
      }
      if (own.isEmpty()) {
        own = VaultKeys.list(session).encryptionCertificate();
      }
    }
    if (own.isPresent()) {
      encryptor.senderCopy(own.get());
    } else {
      terminal.err().println(NO_SENDER_COPY_NOTE);
      encryptor.withoutSenderCopy();
    }
    if (cipher != null) {
      encryptor.cipher(cipherNamed(cipher));
    }
    MessageEncryptor built = encryptor.build();
    EncryptionReport report;
    try (InputStream message = files.openInput(terminal)) {
      report = files.writeOutput(terminal, out -> built.encrypt(message, out));
    }
    if (verbose) {
      terminal
          .err()
          .println(
              "cipher: "
                  + report.cipher().displayName()
                  + " ("
                  + report.why()
                  + "); readable by "
                  + report.recipients().size()
                  + " certificate(s)");
    }
    return ExitCodes.OK;
  }

  private static ContentCipher cipherNamed(String name) throws CliFailure {
    Optional<ContentCipher> known =
        ContentCipher.byName(name).filter(ContentCipher::isUsedForSending);
    if (known.isEmpty()) {
      throw new CliFailure("unknown cipher '" + name + "' (use aes-256-gcm or aes-256-cbc)");
    }
    return known.get();
  }
}
