package org.keymail.cli.client;

import org.keymail.cli.CliFailure;
import org.keymail.cli.Terminal;

/**
 * The server API with this computer's open unlock session, for the commands that use the user's
 * keys or PassKeys.
 *
 * @param api calls carry the session token
 * @param session the session file they came from
 * @param home the CLI's folder
 */
public record Unlocked(KeymailApi api, SessionFile session, KeymailHome home) {

  /** Connects as {@code access} says and loads the session for that server. */
  public static Unlocked open(ServerAccess access, Terminal terminal)
      throws CliFailure, NotUnlockedException {
    KeymailHome home = KeymailHome.of(terminal);
    KeymailApi api = access.connect(terminal, home);
    SessionFile session = SessionFile.load(home.session(), api.server());
    return new Unlocked(api.in(session), session, home);
  }
}
