package org.keymail.cli.bridge;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.bridge.imap.ImapServer;
import org.keymail.cli.bridge.smtp.SmtpServer;
import org.keymail.cli.client.AccessCodeInput;
import org.keymail.cli.client.PassKeyFileOption;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import org.keymail.cli.mail.MailOptions;
import org.keymail.cli.smime.OrganisationRoot;
import org.keymail.cli.smime.TrustOptions;
import org.keymail.smime.verdict.TrustSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keymail bridge}: an IMAP and an SMTP endpoint on this computer's loopback address for any
 * mail client. Mail is read and sent through the keymail server's mail API in the user's unlock
 * session, decrypted, verified, signed and encrypted here as {@code keymail mail} does. Runs in the
 * foreground until interrupted; the password for the clients is made at start and shown once.
 */
@Command(
    name = "bridge",
    description = {
      "Let any mail client (Thunderbird, Outlook, mutt ...) on this computer read and send your"
          + " mail through keymail: IMAP and SMTP on 127.0.0.1. Messages are decrypted when the"
          + " client fetches them and get a verdict header; what the client sends is signed and"
          + " encrypted as your webmail options say (or --sign, --encrypt).",
      "The client signs in with your address and a password made at each start, shown once."
          + " Ctrl-C stops the bridge."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail bridge", "  keymail bridge --imap-port 1143 --smtp-port 1025 --encrypt"})
public final class BridgeCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Option(
      names = "--imap-port",
      paramLabel = "PORT",
      description = "The IMAP port on 127.0.0.1 (default: 1143; 0 for any free one).")
  private int imapPort = 1143;

  @Option(
      names = "--smtp-port",
      paramLabel = "PORT",
      description = "The SMTP port on 127.0.0.1 (default: 1025; 0 for any free one).")
  private int smtpPort = 1025;

  @Option(
      names = "--sign",
      negatable = true,
      description = "Sign what clients send (default: your webmail's sign-all option).")
  private Boolean sign;

  @Option(
      names = "--encrypt",
      negatable = true,
      description =
          "Encrypt what clients send to every recipient and to you (default: your webmail's"
              + " encrypt-all option).")
  private Boolean encrypt;

  @Mixin private TrustOptions trustOptions;

  @Mixin private ServerAccess server;

  @Mixin private PassKeyFileOption passKeyFile;

  @Mixin private AccessCodeInput accessCodes;

  public BridgeCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    checkPort("--imap-port", imapPort);
    checkPort("--smtp-port", smtpPort);
    VaultSession session = VaultSession.open(server, passKeyFile, accessCodes, terminal);
    // Unlocks now when needed, so the first prompt comes at start, not in a mail client's fetch.
    MailOptions options = MailOptions.of(session);
    // --no-sign or --no-encrypt against what the organisation requires: said now, not at each send.
    options.protection(sign, encrypt);
    TrustSettings trust =
        trustOptions.hasAnchors()
            ? trustOptions.settings()
            : trustOptions.settings(OrganisationRoot.of(server, terminal));
    BridgeCredential credential = BridgeCredential.generate(options.address());
    PrintStream log = terminal.err();
    try (ImapServer imap =
            listening(
                "--imap-port",
                imapPort,
                () ->
                    ImapServer.start(
                        imapPort, credential, new BridgeMailbox(session, trust), log));
        SmtpServer smtp =
            listening(
                "--smtp-port",
                smtpPort,
                () ->
                    SmtpServer.start(
                        smtpPort,
                        credential,
                        new BridgeOutbox(session, new BridgeOutbox.Choices(sign, encrypt)),
                        log))) {
      show(options, credential, imap.port(), smtp.port());
      new CountDownLatch(1).await();
    } catch (InterruptedException stop) {
      Thread.currentThread().interrupt();
    }
    terminal.err().println("keymail bridge stopped");
    return ExitCodes.OK;
  }

  private void show(MailOptions options, BridgeCredential credential, int imap, int smtp) {
    PrintStream out = terminal.out();
    out.println(
        "keymail bridge for "
            + options.address()
            + ": mail clients on this computer only (127.0.0.1)");
    out.println(
        "IMAP: 127.0.0.1 port " + imap + ", no TLS, password (LOGIN or AUTHENTICATE PLAIN)");
    out.println("SMTP: 127.0.0.1 port " + smtp + ", no TLS, AUTH PLAIN or LOGIN");
    out.println("user name: " + credential.user());
    out.println(
        "password: " + credential.passwordToShow() + " (shown only now; a new one at every start)");
    out.println("sending: " + sending(options));
    out.println("Ctrl-C stops the bridge");
    out.flush();
  }

  private String sending(MailOptions options) {
    boolean signing = sign != null ? sign : options.signAll();
    boolean encrypting = encrypt != null ? encrypt : options.encryptAll();
    return (signing ? "signed" : "not signed")
        + (sign != null ? " (--" + (sign ? "" : "no-") + "sign)" : " (your webmail options)")
        + ", "
        + (encrypting ? "encrypted" : "not encrypted")
        + (encrypt != null
            ? " (--" + (encrypt ? "" : "no-") + "encrypt)"
            : " (your webmail options)");
  }

  /** Starts one side of the bridge. */
  @FunctionalInterface
  private interface Start<T> {
    T listen() throws IOException;
  }

  private static <T> T listening(String option, int port, Start<T> start) throws CliFailure {
    try {
      return start.listen();
    } catch (BindException e) {
      throw new CliFailure(
          "cannot listen on 127.0.0.1 port "
              + port
              + ": it is in use; choose another with "
              + option
              + " (0 for any free one)",
          e);
    } catch (IOException e) {
      throw new CliFailure("cannot listen on 127.0.0.1 port " + port + ": " + e.getMessage(), e);
    }
  }

  private static void checkPort(String option, int port) throws CliFailure {
    if (port < 0 || port > 65535) {
      throw new CliFailure(option + " " + port + " is not a port (0 to 65535)");
    }
  }
}
