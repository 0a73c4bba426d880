package org.keymail.cli.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
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

  /**
   * Connects as {@code access} says and loads the session for that server. When there is none, or
   * it has timed out, it is opened again with the software PassKey in the CLI's home, asking for
   * the access code ({@value AccessCodeInput#ENVIRONMENT_VARIABLE}, else the terminal; these
   * commands take no {@code --access-code-file} or {@code --access-code-fd}) — the user is asked,
   * the command does not fail.
   *
   * @throws NotUnlockedException when there is no session and no software PassKey to open one
   */
  public static Unlocked open(ServerAccess access, Terminal terminal)
      throws CliFailure, NotUnlockedException, ServerRefusal, ServerUnreachableException {
    KeymailHome home = KeymailHome.of(terminal);
    KeymailApi api = access.connect(terminal, home);
    Optional<SessionFile> saved =
        SessionFile.read(home.session()).filter(s -> s.server().equals(api.server()));
    Path passKey = home.passKey();
    if (saved.isPresent() && (saved.get().isOpenAt(Instant.now()) || !Files.exists(passKey))) {
      return new Unlocked(api.in(saved.get()), saved.get(), home);
    }
    if (!Files.exists(passKey)) {
      // Says why in the words it always did (no session here, or one on another server).
      SessionFile.load(home.session(), api.server());
    }
    SessionFile session =
        PassKeyUnlocking.unlock(
            api, passKey, home, AccessCodeInput.environmentOrTerminal(), terminal, "not unlocked");
    return new Unlocked(api.in(session), session, home);
  }
}
