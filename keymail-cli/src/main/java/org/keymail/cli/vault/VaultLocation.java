package org.keymail.cli.vault;

import java.nio.file.Files;
import java.nio.file.Path;
import org.keymail.cli.CliFailure;
import org.keymail.cli.Terminal;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.vault.keyuse.JournalInUseException;
import org.keymail.vault.keyuse.KeyUseJournal;
import org.keymail.vault.store.VaultDatabase;
import picocli.CommandLine.Option;

/**
 * Where the server keeps its vault, as {@code keymail server} finds it: the data directory (with
 * {@code master.key} and, by default, the embedded database under {@code vault/}) and optionally an
 * external database. The database password comes from {@code KEYMAIL_VAULT_PASSWORD}, as for the
 * server, never from an option. The commands that use it work on the data folder of a stopped
 * server and refuse while one runs on it ({@link #requireStoppedServer()}).
 */
public final class VaultLocation {

  /** The environment variable holding the external database's password. */
  public static final String PASSWORD_VARIABLE = "KEYMAIL_VAULT_PASSWORD";

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "The server's data directory (default: ./data).")
  private Path data = Path.of("data");

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description =
          "The server's external vault database (PostgreSQL), if it has one; its password is read"
              + " from "
              + PASSWORD_VARIABLE
              + ".")
  private String jdbcUrl;

  @Option(
      names = "--db-user",
      paramLabel = "USER",
      description = "The external database's user (default: keymail).")
  private String dbUser = "keymail";

  /** The data directory, absolute. */
  public Path dataDirectory() {
    return data.toAbsolutePath().normalize();
  }

  /**
   * Makes sure no keymail server runs on the data folder, and that none starts on it until the
   * returned lock is closed: it is the lock a running server holds on its key-use journal. A data
   * folder no server has journaled in needs none.
   *
   * @throws CliFailure when a server is running on the data folder
   */
  public KeyUseJournal.Lock requireStoppedServer() throws CliFailure {
    Path journal = KeyUseJournal.folderIn(dataDirectory());
    if (!Files.isDirectory(journal)) {
      return () -> {};
    }
    try {
      return KeyUseJournal.lock(journal);
    } catch (JournalInUseException e) {
      throw new CliFailure(
          "a keymail server is running on "
              + dataDirectory()
              + ": stop it first (this command works on the data folder of a stopped server)",
          e);
    }
  }

  /**
   * Opens the vault database the server would open.
   *
   * @throws CliFailure when it cannot be opened, most often because the server still holds it
   */
  public VaultDatabase open(Terminal terminal) throws CliFailure {
    String where = where();
    try {
      if (jdbcUrl == null) {
        if (!Files.isDirectory(dataDirectory().resolve("vault"))) {
          throw new CliFailure(
              "there is no vault in "
                  + dataDirectory()
                  + ": give the server's data directory with --data");
        }
        return VaultDatabase.embedded(dataDirectory().resolve("vault"));
      }
      String password = terminal.environment().getOrDefault(PASSWORD_VARIABLE, "");
      return VaultDatabase.open(jdbcUrl, dbUser, password);
    } catch (RuntimeException e) {
      // Hikari and Flyway report a held lock or a refused login as unchecked exceptions.
      throw new CliFailure(
          "cannot open the vault database "
              + where
              + " (is the server still running? stop it first): "
              + rootMessage(e),
          e);
    }
  }

  /**
   * What to report when the vault database, once open, failed during a command: where it is and
   * what it said (the administrator's own terminal, so the database's words help).
   */
  public CliFailure failed(StorageUnavailableException e) {
    return new CliFailure("the vault database " + where() + " failed: " + rootMessage(e), e);
  }

  private String where() {
    return jdbcUrl == null ? dataDirectory().resolve("vault").toString() : jdbcUrl;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
