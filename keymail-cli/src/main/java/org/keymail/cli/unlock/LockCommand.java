package org.keymail.cli.unlock;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.KeymailHome;
import org.keymail.cli.client.LocalTime;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.ServerRefusal;
import org.keymail.cli.client.ServerUnreachableException;
import org.keymail.cli.client.SessionFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code keymail lock}: ends the unlock session on the server (its keys lock at once) and deletes
 * {@code ~/.keymail/session}. The file goes also when the server cannot be reached, so the token
 * does not stay behind on this computer; a session the server refuses to end keeps its file, so the
 * person can try again.
 */
@Command(
    name = "lock",
    footerHeading = "%nExamples:%n",
    footer = {"  keymail lock"},
    description = {"Lock your keys now: end the unlock session and forget its token."})
public final class LockCommand implements Callable<Integer> {

  /** The call that ends the session of the bearer token. */
  static final String END_SESSION = "/api/v1/unlock";

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  LockCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    KeymailHome home = KeymailHome.of(terminal);
    Optional<SessionFile> session = SessionFile.read(home.session());
    if (session.isEmpty()) {
      terminal.out().println("locked (there was no open session)");
      return ExitCodes.OK;
    }
    try {
      if (!server.serverUri(terminal).equals(session.get().server())) {
        // The token is only ever shown to the server that issued it.
        throw new CliFailure(
            "the open session is on "
                + session.get().server()
                + ", not on "
                + server.serverUri(terminal)
                + "; run 'keymail lock --server "
                + session.get().server()
                + "'");
      }
      endOnServer(server.connect(terminal, home).in(session.get()), session.get());
      SessionFile.delete(home.session());
    } catch (ServerUnreachableException unreachable) {
      SessionFile.delete(home.session());
      throw unreachable;
    }
    return ExitCodes.OK;
  }

  private void endOnServer(KeymailApi api, SessionFile session) throws Exception {
    try {
      api.delete(END_SESSION);
      terminal.out().println("locked");
    } catch (ServerRefusal refusal) {
      if (refusal.status() == 404 || refusal.status() == 405) {
        // A server without the call: the token is gone from here, the session ends by its timeout.
        terminal.out().println("locked on this computer");
        terminal
            .err()
            .println(
                "keymail: note: this server cannot end sessions from the command line; the session"
                    + " ends by itself at "
                    + LocalTime.clock(session.idleExpiry())
                    + " if not used");
        return;
      }
      if ("passkey_required".equals(refusal.error())) {
        terminal.out().println("locked (the session had ended already)");
        return;
      }
      throw refusal;
    }
  }
}
