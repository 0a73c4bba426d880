package org.keymail.smime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The temporary files spools write to, a few kept for the next spool instead of deleted, as a
 * database recycles its log files: writing over a file's existing pages costs the kernel about a
 * third of writing a new file and deleting it (about 27 ms of CPU per 50 MB on the reference
 * machine against 9–10). A kept file holds only ciphertext whose key is gone with the spool that
 * wrote it (the spool's own AES-CTR key, or a sender's content key), and is read only as far as the
 * next spool writes it. At most {@value #KEPT} files of at most 64 MiB are kept; every file is
 * deleted when the JVM exits.
 *
 * <p>Internal: not part of keymail's API.
 */
final class SpoolFiles {

  /** How many idle files are kept for reuse. */
  static final int KEPT = 2;

  /** Files larger than this are deleted rather than kept. */
  static final long KEPT_SIZE_LIMIT = 64L << 20;

  private static final Deque<Path> IDLE = new ArrayDeque<>();

  private SpoolFiles() {}

  /** A file to write from its start: a kept one, or a new one (0600, deleted at exit). */
  static Path take() throws IOException {
    synchronized (IDLE) {
      Path kept = IDLE.pollFirst();
      if (kept != null) {
        return kept;
      }
    }
    Path file =
        Files.createTempFile(
            "keymail-",
            ".spool",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    file.toFile().deleteOnExit();
    return file;
  }

  /** Gives {@code file} back when its spool closes: kept for the next spool, or deleted. */
  static void giveBack(Path file) {
    try {
      if (Files.size(file) <= KEPT_SIZE_LIMIT) {
        synchronized (IDLE) {
          if (IDLE.size() < KEPT) {
            IDLE.addFirst(file);
            return;
          }
        }
      }
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }

  /** Whether {@code file} is kept idle for the next spool (for tests). */
  static boolean isKept(Path file) {
    synchronized (IDLE) {
      return IDLE.contains(file);
    }
  }
}
