package org.keymail.cli.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.keymail.cli.CliFailure;
import org.keymail.cli.Terminal;

/**
 * The folder where the CLI keeps what it needs between commands: the software PassKey file, the
 * open unlock session, the certificates of the servers it has met and the last server that
 * answered. {@value #ENVIRONMENT_VARIABLE} when set, else {@code $HOME/.keymail}. Created
 * owner-only (0700) on first use.
 *
 * <p>{@code $HOME} rather than Java's {@code user.home}, which Java takes from the password
 * database: a person who sets {@code HOME} (sudo, a container, a CI job) expects keymail to follow
 * it, as every other command-line tool does. {@code user.home} is the fallback when {@code HOME} is
 * not set at all.
 *
 * @param folder the folder, which may not exist yet
 */
public record KeymailHome(Path folder) {

  /** The environment variable naming another folder than {@code $HOME/.keymail}. */
  public static final String ENVIRONMENT_VARIABLE = "KEYMAIL_HOME";

  /** How help texts name the folder. */
  public static final String SHOWN = "$KEYMAIL_HOME (default ~/.keymail)";

  /** The folder of this terminal's user. */
  public static KeymailHome of(Terminal terminal) {
    String named = terminal.environment().get(ENVIRONMENT_VARIABLE);
    if (named != null && !named.isBlank()) {
      return new KeymailHome(Path.of(named));
    }
    String home = terminal.environment().get("HOME");
    if (home != null && !home.isBlank()) {
      return new KeymailHome(Path.of(home, ".keymail"));
    }
    return new KeymailHome(Path.of(System.getProperty("user.home"), ".keymail"));
  }

  /** The default software PassKey file. */
  public Path passKey() {
    return folder.resolve("passkey.json");
  }

  /** The open unlock session (mode 0600). */
  public Path session() {
    return folder.resolve("session");
  }

  /** The pinned server certificates, one server per line. */
  public Path knownServers() {
    return folder.resolve("known-servers");
  }

  /** The address of the last server that answered a command, one line. */
  public Path lastServer() {
    return folder.resolve("server");
  }

  /** The socket of the keymail agent ({@code keymail agent start}), while one runs. */
  public Path agentSocket() {
    return folder.resolve("agent.socket");
  }

  /** What the keymail agent started in the background says (appended). */
  public Path agentLog() {
    return folder.resolve("agent.log");
  }

  /** Creates the folder (owner-only) if it is missing. */
  public KeymailHome ensure() throws CliFailure {
    if (Files.isDirectory(folder)) {
      return this;
    }
    try {
      Files.createDirectories(
          folder,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      return this;
    } catch (IOException e) {
      throw new CliFailure("cannot create the folder " + folder + ": " + e.getMessage(), e);
    }
  }
}
