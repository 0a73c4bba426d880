package org.keymail.cli.demo;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailHome;
import org.keymail.cli.client.ServerAccess;
import org.keymail.mail.imap.Mailboxes;
import org.keymail.server.RunningServer;
import org.keymail.vault.user.UserStatus;
import org.keymail.vault.user.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keymail demo}: the whole system on this computer, in the foreground until Ctrl-C. Starts
 * the server in this process with the embedded defaults (H2, the embedded mail server, the internal
 * CA) on a demo folder. Its first run sets up a demo organisation with keymail's own commands (an
 * administrator, alice and bob with software PassKeys and certificates, signed and encrypted mail
 * between them, an invitation for the person at the browser) and prints the access codes once;
 * later runs start that organisation as it is and put its messages back. Ends with where to go in
 * the browser and what to type on the command line.
 */
@Command(
    name = "demo",
    description = {
      "Run the whole keymail system on this computer until Ctrl-C: the server with a demo"
          + " organisation (an administrator, alice and bob with software PassKeys, signed and"
          + " encrypted mail between them) and an invitation for you to sign in from a browser with"
          + " your security key or your computer's passkey.",
      "The first run sets the organisation up and shows its access codes once; later runs start it"
          + " as it is. S/MIME on files without a server: 'keymail smime demo'."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail demo                  # ./keymail-demo, https://localhost:8443/",
      "  keymail demo --reset          # a new organisation in a new ./keymail-demo",
      "  keymail demo --dir /tmp/demo --port 9443 --pki-port 9080"
    })
public final class DemoCommand implements Callable<Integer> {

  /**
   * A folder of its own beside where the demo is run: never the server's data folder ({@code
   * ./data}), nor the files demo's.
   */
  static final String DEFAULT_FOLDER = "keymail-demo";

  private final Terminal terminal;
  private final Clock clock = Clock.systemUTC();
  private final SecureRandom random = new SecureRandom();

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = DEFAULT_FOLDER,
      description =
          "The demo folder: the server's data, the demo's PassKeys and messages (default:"
              + " ./${DEFAULT-VALUE}).")
  private Path dir;

  @Option(
      names = "--reset",
      description =
          "Delete the demo folder first and start a new organisation (only a folder the demo"
              + " made).")
  private boolean reset;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8443",
      description = "The HTTPS port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  private int port;

  @Option(
      names = "--pki-port",
      paramLabel = "N",
      defaultValue = "8080",
      description =
          "The plain-HTTP port of the CA's public URLs (default: ${DEFAULT-VALUE}; 0 picks a free"
              + " one).")
  private int pkiPort;

  DemoCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    Instant started = commandStart();
    PrintStream out = terminal.out();
    DemoFolder folder = reset ? DemoFolder.reset(dir) : DemoFolder.open(dir);
    out.println(
        (folder.fresh() ? "starting a new keymail demo in " : "starting the keymail demo in ")
            + dir
            + " (Ctrl-C stops it)...");
    out.flush();
    RunningServer server = DemoServer.start(folder, port, pkiPort, out);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "keymail-demo-stop"));
    try {
      ready(folder, server, started, out);
    } catch (CliFailure | RuntimeException e) {
      // Whatever keeps the demo from getting ready, the server it started stops too.
      server.close();
      throw e;
    }
    server.awaitShutdown();
    return ExitCodes.OK;
  }

  private void ready(DemoFolder folder, RunningServer server, Instant started, PrintStream out)
      throws CliFailure {
    URI url = server.baseUri();
    DemoMailArchive archive = new DemoMailArchive(folder.mail(), server.bean(Mailboxes.class));
    List<DemoPerson> writers = List.of(DemoPerson.ALICE, DemoPerson.BOB);
    Optional<OrganisationSetup.Founded> founded = Optional.empty();
    if (folder.fresh()) {
      out.println("setting up the demo organisation (first run only):");
      founded = Optional.of(new OrganisationSetup(folder, server, url, random, out).found());
      archive.keep(writers);
      folder.ready();
    } else {
      rememberServer(folder, url);
      int restored = archive.restore(writers);
      out.println(restored + " demo messages put back in alice's and bob's mailboxes");
    }
    boolean youActivated =
        server
            .bean(Users.class)
            .find(DemoPerson.YOU.email())
            .map(you -> you.status() == UserStatus.ACTIVE)
            .orElse(false);
    OptionalLong encrypted = archive.inboxUid(DemoPerson.BOB, DemoMessages.ENCRYPTED_SUBJECT);
    new ReadyReport(
            url,
            folder,
            Duration.between(started, clock.instant()),
            founded,
            youActivated,
            encrypted)
        .print(out);
  }

  /**
   * The server may listen on another port than at the last run: each person's commands go to it
   * without {@code --server}.
   */
  private static void rememberServer(DemoFolder folder, URI url) {
    for (DemoPerson person : DemoPerson.WITH_SOFTWARE_PASSKEYS) {
      Path home = folder.home(person);
      if (Files.isDirectory(home)) {
        ServerAccess.remember(new KeymailHome(home), url);
      }
    }
  }

  /**
   * When the person started the command: the process's start, since the demo runs in a process of
   * its own from the launcher (what a person waits for includes starting Java).
   */
  private Instant commandStart() {
    return ProcessHandle.current().info().startInstant().orElseGet(clock::instant);
  }
}
