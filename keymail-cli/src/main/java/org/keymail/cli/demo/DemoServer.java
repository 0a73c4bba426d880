package org.keymail.cli.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.keymail.cli.CliFailure;
import org.keymail.cli.server.ServerCommand;
import org.keymail.server.KeymailServer;
import org.keymail.server.RunningServer;
import org.keymail.server.ServerOptions;
import org.keymail.server.StartRefusedException;

/**
 * Starts the demo's keymail server in this process with the embedded defaults (H2, the embedded
 * mail server, the internal CA) on the demo folder's data folder: {@code keymail server}'s start,
 * with the demo's first administrator and its log in the demo folder. The demo always runs on those
 * defaults, on this computer only: the {@code KEYMAIL_*} variables of a real server set up here (an
 * external database, a mail server, an HSM) do not reach it.
 */
final class DemoServer {

  private DemoServer() {}

  /**
   * Starts the server and prints its start report on {@code console}, all but the first
   * administrator's activation code: the demo activates that administrator itself, at once.
   *
   * @param port the HTTPS port, 0 for a free one
   * @param pkiPort the plain-HTTP port of the CA's public URLs, 0 for a free one
   * @throws CliFailure when the server does not start, with the reason in one line
   */
  static RunningServer start(DemoFolder folder, int port, int pkiPort, PrintStream console)
      throws CliFailure {
    if (port < 0 || port > 65535 || pkiPort < 0 || pkiPort > 65535) {
      throw new CliFailure(
          "a port is between 0 and 65535 (0 picks a free one), not "
              + (port < 0 || port > 65535 ? port : pkiPort));
    }
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    ServerOptions options =
        ServerOptions.builder()
            .dataDirectory(folder.data())
            .port(port)
            .address("127.0.0.1")
            .setting("keymail.pki.port", Integer.toString(pkiPort))
            // The embedded defaults, whatever KEYMAIL_* variables say for a real server here.
            .setting("keymail.vault.jdbc-url", "")
            .setting("keymail.vault.kek.kind", "file")
            .setting("keymail.mail.imap-host", "")
            .setting("keymail.webauthn.rp-id", "localhost")
            .setting("keymail.ca.public-base-url", "")
            .setting(
                "logging.file.name",
                folder.data().resolve("keymail.log").toAbsolutePath().toString())
            // Used only while no administrator has activated: on the first run.
            .setting("keymail.first-admin", DemoPerson.ADMIN.email())
            .console(new PrintStream(report, true, StandardCharsets.UTF_8))
            .build();
    RunningServer server;
    try {
      server = KeymailServer.start(options);
    } catch (StartRefusedException refused) {
      throw new CliFailure(refused.getMessage(), refused);
    } catch (RuntimeException e) {
      // Spring reports a busy port or a bad setting as unchecked exceptions: one line, not a trace.
      throw new CliFailure("the demo's server did not start: " + ServerCommand.rootMessage(e), e);
    }
    for (String line : report.toString(StandardCharsets.UTF_8).split("\n", -1)) {
      if (line.isEmpty()) {
        break; // the first administrator's code follows
      }
      console.println(line);
    }
    console.flush();
    return server;
  }
}
