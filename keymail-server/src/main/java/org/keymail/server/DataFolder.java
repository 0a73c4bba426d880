package org.keymail.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Keeps the data folder (the embedded database, the key-use journal, the master key, the TLS key)
 * to the server's own user, whatever the umask: the folder and every folder in it mode 0700, every
 * file 0600. Before anything is opened, a data folder other users can write is refused (what is in
 * it can no longer be trusted) and one they can read is made private with a warning; once the
 * server is up, the files its parts made while starting are made private too.
 *
 * <p>It runs before Spring Boot sets up logging, because the log file is in the data folder by
 * default: the folder must exist, private, before the log file is created in it, and a folder
 * refused must stay untouched. Its warnings wait until logging is set up.
 */
final class DataFolder implements ApplicationListener<ApplicationEvent>, Ordered {

  private static final Logger LOG = LoggerFactory.getLogger(DataFolder.class);

  private static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OTHERS_WRITE =
      EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  private Path folder;

  private Optional<String> warning = Optional.empty();

  @Override
  public int getOrder() {
    return LoggingApplicationListener.DEFAULT_ORDER - 1;
  }

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
      folder =
          Path.of(prepared.getEnvironment().getProperty("keymail.data", "data"))
              .toAbsolutePath()
              .normalize();
      warning = prepare(folder);
      return;
    }
    // Any later event comes after Spring Boot has set up logging.
    warning.ifPresent(LOG::warn);
    warning = Optional.empty();
    if (event instanceof ApplicationReadyEvent && folder != null) {
      makePrivate(folder);
    }
  }

  /**
   * Creates {@code folder} (0700) or checks it.
   *
   * @return a warning to log, when the folder was readable by others and is now private
   * @throws DataFolderException when other users may write in it
   */
  static Optional<String> prepare(Path folder) {
    if (!posix()) {
      return Optional.empty();
    }
    try {
      if (Files.notExists(folder)) {
        Files.createDirectories(folder.getParent());
        Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
        return Optional.empty();
      }
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(folder);
      if (mode.stream().anyMatch(OTHERS_WRITE::contains)) {
        throw new DataFolderException(
            "the data folder "
                + folder
                + " can be written by other users (mode "
                + PosixFilePermissions.toString(mode)
                + "), so its keys and database cannot be trusted; make it the server's own"
                + " (chmod 700 "
                + folder
                + ") and check what is in it");
      }
      makePrivate(folder);
      if (!mode.equals(FOLDER)) {
        return Optional.of(
            "The data folder "
                + folder
                + " could be read by other users (mode "
                + PosixFilePermissions.toString(mode)
                + "); it is now private (700).");
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare the data folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Folders 0700, files 0600, all the way down (links are not followed). */
  static void makePrivate(Path folder) {
    if (!posix() || !Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> entries = Files.walk(folder)) {
      entries.forEach(DataFolder::makePrivateEntry);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn(
          "Could not make every file of the data folder {} private: {}", folder, e.getMessage());
    }
  }

  private static void makePrivateEntry(Path entry) {
    try {
      if (Files.isSymbolicLink(entry)) {
        return;
      }
      Set<PosixFilePermission> wanted =
          Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? FOLDER : FILE;
      if (!Files.getPosixFilePermissions(entry, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
        Files.setPosixFilePermissions(entry, wanted);
      }
    } catch (java.nio.file.NoSuchFileException gone) {
      // a temporary file deleted while walking
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** The data folder is not safe to start on. */
  static final class DataFolderException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    DataFolderException(String message) {
      super(message);
    }
  }
}
