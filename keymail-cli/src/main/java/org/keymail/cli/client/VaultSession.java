package org.keymail.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import org.keymail.cli.CliFailure;
import org.keymail.cli.Terminal;

/**
 * The server API in this computer's unlock session, for commands that use the user's keys. When
 * there is no session for the server, or it has lapsed (idle or absolute timeout), it is opened
 * again with the software PassKey, asking for the access code as {@code keymail unlock} does, and
 * the call is made again once — the user is asked, the command does not fail. Safe for one
 * command's threads.
 */
public final class VaultSession {

  /** One call to the server in the session. */
  @FunctionalInterface
  public interface Call {
    JsonNode on(KeymailApi api) throws ServerRefusal, ServerUnreachableException;
  }

  private final KeymailApi server;
  private final KeymailHome home;
  private final Path passKeyFile;
  private final AccessCodeInput accessCodes;
  private final Terminal terminal;
  private KeymailApi api;

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
    this.api = session.map(server::in).orElse(null);
  }

  /**
   * Connects as {@code access} says, with this computer's session for that server if there is one.
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
            .filter(s -> s.isOpenAt(java.time.Instant.now()));
    return new VaultSession(server, home, passKeyFile.file(home), accessCodes, terminal, session);
  }

  /**
   * Makes {@code call} in the session, unlocking first when there is none and again when it lapsed.
   *
   * @throws NotUnlockedException when no session can be opened here (no software PassKey)
   */
  public synchronized JsonNode call(Call call)
      throws ServerRefusal, ServerUnreachableException, NotUnlockedException, CliFailure {
    if (api == null) {
      unlock("not unlocked");
    }
    try {
      return call.on(api);
    } catch (ServerRefusal refusal) {
      if (!"passkey_required".equals(refusal.error())) {
        throw refusal;
      }
      unlockAgain(refusal);
      return call.on(api);
    }
  }

  /**
   * Fetches a document that is not JSON (a raw message) in the session, unlocking as {@link #call}
   * does.
   */
  public synchronized byte[] download(String path, String mediaType)
      throws ServerRefusal, ServerUnreachableException, NotUnlockedException, CliFailure {
    if (api == null) {
      unlock("not unlocked");
    }
    try {
      return api.download(path, mediaType);
    } catch (ServerRefusal refusal) {
      if (!"passkey_required".equals(refusal.error())) {
        throw refusal;
      }
      unlockAgain(refusal);
      return api.download(path, mediaType);
    }
  }

  /** The server's base address. */
  public KeymailApi server() {
    return server;
  }

  private void unlock(String why)
      throws ServerRefusal, ServerUnreachableException, NotUnlockedException, CliFailure {
    api = server.in(PassKeyUnlocking.unlock(server, passKeyFile, home, accessCodes, terminal, why));
  }

  private void unlockAgain(ServerRefusal refusal)
      throws ServerRefusal, ServerUnreachableException, NotUnlockedException, CliFailure {
    api =
        server.in(
            PassKeyUnlocking.unlockAgain(
                server, passKeyFile, home, accessCodes, terminal, refusal));
  }
}
