package org.keymail.cli.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.keymail.authenticator.SoftwarePassKey;
import org.keymail.authenticator.SoftwarePassKeyException;
import org.keymail.cli.CliFailure;
import org.keymail.cli.Terminal;

/**
 * The server API in this computer's unlock session, for commands that use the user's keys or
 * PassKeys. When there is no session for the server, or it has ended — on this computer (its
 * absolute end) or on the server before this computer knew (the keys locked after a while without
 * use, the server restarted, the user locked them in the browser) — it is opened again with the
 * software PassKey, asking for the access code as {@code keymail unlock} does, and a call the
 * server refused for that is made again, once: the user is asked, the command does not fail. Safe
 * for one command's threads.
 */
public final class VaultSession {

  /** One call to the server in the session. */
  @FunctionalInterface
  public interface Call<T> {
    T on(KeymailApi api) throws ServerRefusal, ServerUnreachableException;
  }

  private final KeymailApi server;
  private final KeymailHome home;
  private final Path passKeyFile;
  private final AccessCodeInput accessCodes;
  private final Terminal terminal;
  private SessionFile session; // null until the first call opens one

  private VaultSession(
      KeymailApi server,
      KeymailHome home,
      Path passKeyFile,
      AccessCodeInput accessCodes,
      Terminal terminal,
      Optional<SessionFile> session) {
    this.server = server;
    this.home = home;
    this.passKeyFile = passKeyFile;
    this.accessCodes = accessCodes;
    this.terminal = terminal;
    this.session = session.orElse(null);
  }

  /**
   * Connects as {@code access} says, with this computer's session for that server if there is one;
   * the first call unlocks when there is none, with the PassKey and access code the options give.
   */
  public static VaultSession open(
      ServerAccess access,
      PassKeyFileOption passKeyFile,
      AccessCodeInput accessCodes,
      Terminal terminal)
      throws CliFailure {
    KeymailHome home = KeymailHome.of(terminal);
    KeymailApi server = access.connect(terminal, home);
    Optional<SessionFile> session =
        SessionFile.read(home.session())
            .filter(s -> s.server().equals(server.server()))
            .filter(s -> s.isOpenAt(Instant.now()));
    return new VaultSession(server, home, passKeyFile.file(home), accessCodes, terminal, session);
  }

  /**
   * Connects as {@code access} says and opens the session now, for the commands without PassKey or
   * access-code options: this computer's session for the server, else one opened with the software
   * PassKey in the CLI's home and the access code from {@value
   * AccessCodeInput#ENVIRONMENT_VARIABLE} or the terminal.
   *
   * @throws NotUnlockedException when there is no session and no software PassKey to open one
   */
  public static VaultSession openNow(ServerAccess access, Terminal terminal)
      throws CliFailure, NotUnlockedException, ServerRefusal, ServerUnreachableException {
    KeymailHome home = KeymailHome.of(terminal);
    KeymailApi server = access.connect(terminal, home);
    Optional<SessionFile> saved =
        SessionFile.read(home.session()).filter(s -> s.server().equals(server.server()));
    Path passKey = home.passKey();
    AccessCodeInput accessCodes = AccessCodeInput.environmentOrTerminal();
    if (saved.isPresent() && (saved.get().isOpenAt(Instant.now()) || !Files.exists(passKey))) {
      return new VaultSession(server, home, passKey, accessCodes, terminal, saved);
    }
    if (!Files.exists(passKey)) {
      // Says why in the words it always did (no session here, or one on another server).
      SessionFile.load(home.session(), server.server());
    }
    VaultSession opened =
        new VaultSession(server, home, passKey, accessCodes, terminal, Optional.empty());
    opened.session();
    return opened;
  }

  /**
   * Makes {@code call} in the session, unlocking first when there is none; when the server refuses
   * the session, unlocks again and makes it again, once. A refusal for that reason means the server
   * did nothing, so a second call never does a thing twice.
   *
   * @throws NotUnlockedException when no session can be opened here (no software PassKey, or no
   *     access code given and no terminal to ask on)
   */
  public synchronized <T> T call(Call<T> call)
      throws ServerRefusal, ServerUnreachableException, NotUnlockedException, CliFailure {
    try {
      return call.on(server.in(session()));
    } catch (ServerRefusal refusal) {
      if (!"passkey_required".equals(refusal.error())) {
        throw refusal;
      }
      // The messages keep the server's sentence whole ("Your keys locked after a while without
      // use: enter your access code") and say what to do after it.
      String why = refusal.detail();
      session =
          unlock(
              why,
              why + " (run 'keymail unlock': no software PassKey in " + passKeyFile + ")",
              why + " (run 'keymail unlock', or give it with " + accessCodes.ways() + ")");
      return call.on(server.in(session));
    }
  }

  /** The session the calls are made in, opened now when there is none yet. */
  public synchronized SessionFile session()
      throws ServerRefusal, ServerUnreachableException, NotUnlockedException, CliFailure {
    if (session == null) {
      String why = "not unlocked";
      session =
          unlock(
              why,
              why + ": run 'keymail unlock' (no software PassKey in " + passKeyFile + ")",
              why + ": run 'keymail unlock', or give the access code (" + accessCodes.ways() + ")");
    }
    return session;
  }

  /**
   * Opens a session with the software PassKey and the access code a script gave or the user types;
   * without either the command stops as "not unlocked" (exit status {@value
   * org.keymail.cli.ExitCodes#NOT_UNLOCKED}) with {@code withoutPassKey} or {@code withoutCode}.
   */
  private SessionFile unlock(String why, String withoutPassKey, String withoutCode)
      throws CliFailure, NotUnlockedException, ServerRefusal, ServerUnreachableException {
    if (!Files.exists(passKeyFile)) {
      throw new NotUnlockedException(withoutPassKey);
    }
    Optional<char[]> code = accessCodes.ifAvailable(terminal, why);
    if (code.isEmpty()) {
      throw new NotUnlockedException(withoutCode);
    }
    SoftwarePassKey passKey;
    try {
      passKey = SoftwarePassKey.load(passKeyFile);
    } catch (SoftwarePassKeyException e) {
      throw new CliFailure(
          "cannot read the software PassKey " + passKeyFile + ": " + e.getMessage(), e);
    }
    return PassKeyUnlock.open(server, passKey, code.get(), home);
  }

  /** The CLI's folder. */
  public KeymailHome home() {
    return home;
  }

  /** The server's API, outside the session. */
  public KeymailApi server() {
    return server;
  }
}
