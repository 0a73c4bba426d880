package org.keymail.cli.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.stream.Stream;
import org.keymail.cli.CliFailure;
import org.keymail.vault.keyuse.JournalInUseException;
import org.keymail.vault.keyuse.KeyUseJournal;

/**
 * The folder {@code keymail demo} keeps its organisation in, owner-only (it holds the demo's
 * software PassKeys):
 *
 * <pre>
 * keymail-demo.properties   says the folder is the demo's, and whether its first run finished
 * data/                     the server's data folder: vault, master key, TLS key, keymail.log
 * admin/ alice/ bob/        each person's KEYMAIL_HOME: software PassKey, session, pinned CA
 * mail/                     the demo's messages, put back in the mailboxes at every start
 * files/                    a file to attach, and the organisation's root CA (root.pem)
 * </pre>
 *
 * <p>The demo makes its folder only where there is none, or an empty one, and deletes ({@code
 * --reset}) only a folder holding its {@value #MARKER}: never a folder of someone else's files.
 */
final class DemoFolder {

  /** The file that makes a folder the demo's. */
  static final String MARKER = "keymail-demo.properties";

  private static final String STATE = "state";
  private static final String SETTING_UP = "setting-up";
  private static final String READY = "ready";

  private final Path folder;
  private final boolean fresh;

  private DemoFolder(Path folder, boolean fresh) {
    this.folder = folder;
    this.fresh = fresh;
  }

  /**
   * The demo folder at {@code folder}: made (with its marker) when it does not exist or is empty,
   * else the organisation of an earlier run.
   *
   * @throws CliFailure when the folder holds files the demo did not make, or an earlier first run
   *     stopped before it finished
   */
  static DemoFolder open(Path folder) throws CliFailure {
    if (isMissingOrEmpty(folder)) {
      return create(folder);
    }
    Properties marker = readMarker(folder);
    if (!READY.equals(marker.getProperty(STATE))) {
      throw new CliFailure(
          "the demo in "
              + folder
              + " stopped before its first run finished: 'keymail demo --reset' starts it again");
    }
    return new DemoFolder(folder, false);
  }

  /**
   * Deletes the demo folder at {@code folder} when there is one, and makes it anew.
   *
   * @throws CliFailure when the folder is not a demo folder (nothing is deleted), or a demo is
   *     running on it
   */
  static DemoFolder reset(Path folder) throws CliFailure {
    if (isMissingOrEmpty(folder)) {
      return create(folder);
    }
    readMarker(folder);
    Path journal = KeyUseJournal.folderIn(folder.resolve("data"));
    // The lock a running server holds on its journal: no demo may run on what is deleted.
    try (KeyUseJournal.Lock stopped =
        Files.isDirectory(journal) ? KeyUseJournal.lock(journal) : () -> {}) {
      deleteTree(folder);
    } catch (JournalInUseException running) {
      throw new CliFailure(
          "a keymail demo is running on " + folder + ": stop it (Ctrl-C) before --reset", running);
    }
    return create(folder);
  }

  /** Whether this run made the folder: the organisation is still to be set up. */
  boolean fresh() {
    return fresh;
  }

  /** The folder as the person named it (relative stays relative, for the commands printed). */
  Path path() {
    return folder;
  }

  /** The server's data folder. */
  Path data() {
    return folder.resolve("data");
  }

  /** The person's {@code KEYMAIL_HOME}. */
  Path home(DemoPerson person) {
    return folder.resolve(person.name());
  }

  /** Where the demo's messages are kept between runs. */
  Path mail() {
    return folder.resolve("mail");
  }

  /** Files the demo offers to the people trying it: an attachment, the root CA. */
  Path files() {
    return folder.resolve("files");
  }

  /** Records that the organisation is complete: later runs start it as it is. */
  void ready() throws CliFailure {
    writeMarker(folder, READY);
  }

  private static DemoFolder create(Path folder) throws CliFailure {
    try {
      if (!Files.isDirectory(folder)) {
        Files.createDirectories(
            folder,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new CliFailure("cannot make the demo folder " + folder + ": " + e.getMessage(), e);
    }
    writeMarker(folder, SETTING_UP);
    return new DemoFolder(folder, true);
  }

  private static boolean isMissingOrEmpty(Path folder) throws CliFailure {
    if (!Files.exists(folder)) {
      return true;
    }
    if (!Files.isDirectory(folder)) {
      throw new CliFailure(folder + " is a file, not a folder: choose another --dir");
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new CliFailure("cannot read the folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The marker of a demo folder; refuses any other non-empty folder. */
  private static Properties readMarker(Path folder) throws CliFailure {
    Path marker = folder.resolve(MARKER);
    if (!Files.isRegularFile(marker)) {
      throw new CliFailure(
          folder
              + " is not a keymail demo folder (it has no "
              + MARKER
              + "): the demo neither uses nor deletes it; choose another --dir (the files demo is"
              + " 'keymail smime demo' now)");
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
      properties.load(in);
      return properties;
    } catch (IOException | IllegalArgumentException e) {
      throw new CliFailure("cannot read " + marker + ": " + e.getMessage(), e);
    }
  }

  private static void writeMarker(Path folder, String state) throws CliFailure {
    Path marker = folder.resolve(MARKER);
    Path written = folder.resolve(MARKER + ".new");
    try (Writer out = Files.newBufferedWriter(written, StandardCharsets.UTF_8)) {
      out.write(
          "# A keymail demo folder: './keymail demo' runs the demo organisation kept here,\n"
              + "# './keymail demo --reset' deletes this folder and starts a new one.\n");
      out.write(STATE + "=" + state + "\n");
    } catch (IOException e) {
      throw new CliFailure("cannot write " + marker + ": " + e.getMessage(), e);
    }
    try {
      Files.move(written, marker, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CliFailure("cannot write " + marker + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the folder and all in it; symbolic links are removed, never followed. */
  private static void deleteTree(Path folder) throws CliFailure {
    try {
      Files.walkFileTree(
          folder,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failed)
                throws IOException {
              if (failed != null) {
                throw failed;
              }
              Files.delete(directory);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (DirectoryNotEmptyException e) {
      throw new CliFailure(
          "cannot delete the demo folder "
              + folder
              + ": something wrote into it while it was deleted ("
              + e.getFile()
              + ")",
          e);
    } catch (IOException e) {
      throw new CliFailure("cannot delete the demo folder " + folder + ": " + e.getMessage(), e);
    }
  }
}
