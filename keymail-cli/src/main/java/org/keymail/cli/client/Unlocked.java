package org.keymail.cli.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.keymail.cli.CliFailure;
import org.keymail.cli.Terminal;

/**
 * The server API in this computer's unlock session, for the commands that use the user's keys or
 * PassKeys. The session may end on the server before this computer knows (the keys lock after a
 * while without use, the server restarted, the user locked them in the browser): a call the server
 * refuses for that is made again, once, after unlocking with the software PassKey as {@link #open}
 * does — the user is asked, the command does not fail. Safe for one command's threads.
 */
public final class Unlocked {

  /** One call to the server in the session. */
  @FunctionalInterface
  public interface Call<T> {
    T on(KeymailApi api) throws ServerRefusal, ServerUnreachableException;
  }

  private final KeymailApi server;
  private final KeymailHome home;
  private final Terminal terminal;
  private SessionFile session;

  private Unlocked(KeymailApi server, SessionFile session, KeymailHome home, Terminal terminal) {
    this.server = server;
    this.session = session;
    this.home = home;
    this.terminal = terminal;
  }

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
      return new Unlocked(api, saved.get(), home, terminal);
    }
    if (!Files.exists(passKey)) {
      // Says why in the words it always did (no session here, or one on another server).
      SessionFile.load(home.session(), api.server());
    }
    SessionFile session =
        PassKeyUnlocking.unlock(
            api, passKey, home, AccessCodeInput.environmentOrTerminal(), terminal, "not unlocked");
    return new Unlocked(api, session, home, terminal);
  }

  /**
   * Makes {@code call} in the session; when the server refuses the session, unlocks again and makes
   * it again, once. A refusal for that reason means the server did nothing, so a second call never
   * does a thing twice.
   *
   * @throws NotUnlockedException when the session ended and there is no access code to open another
   */
  public synchronized <T> T call(Call<T> call)
      throws ServerRefusal, ServerUnreachableException, NotUnlockedException, CliFailure {
    try {
      return call.on(server.in(session));
    } catch (ServerRefusal refusal) {
      if (!"passkey_required".equals(refusal.error()) || !Files.exists(home.passKey())) {
        throw refusal;
      }
      session =
          PassKeyUnlocking.unlockAgain(
              server,
              home.passKey(),
              home,
              AccessCodeInput.environmentOrTerminal(),
              terminal,
              refusal);
      return call.on(server.in(session));
    }
  }

  /** The session the calls are made in (a new one after unlocking again). */
  public synchronized SessionFile session() {
    return session;
  }

  /** The CLI's folder. */
  public KeymailHome home() {
    return home;
  }
}
