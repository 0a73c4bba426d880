package org.keymail.cli.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files only their owner may read (mode 0600): the session token and the pins of known
 * servers. The content goes to a new 0600 file beside the target, which then replaces it in one
 * move, so a reader never sees half a file and the secret is never readable by others, not even for
 * a moment.
 */
final class PrivateFiles {

  private PrivateFiles() {}

  static void write(Path file, String content) throws IOException {
    Path partial =
        Files.createTempFile(
            file.toAbsolutePath().getParent(),
            "." + file.getFileName(),
            ".partial",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(partial, content, StandardCharsets.UTF_8);
      try {
        Files.move(
            partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
