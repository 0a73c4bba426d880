package org.keymail.cli.mail;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.keymail.cli.CliFailure;

/**
 * Writes a message's attachments into a folder the user names, byte for byte, under names made
 * safe: the sender chooses the name, so it never leaves the folder (no path, no {@code ..}), never
 * hides (no leading dot), holds no control character, and never replaces a file already there
 * ({@code report (2).pdf}).
 */
final class AttachmentFiles {

  private static final int MAX_NAME = 200;

  private final Path folder;

  private AttachmentFiles(Path folder) {
    this.folder = folder;
  }

  /** The folder {@code folder}, made when missing. */
  static AttachmentFiles in(Path folder) throws CliFailure {
    try {
      Files.createDirectories(folder);
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(folder)) {
        throw new CliFailure(folder + " is not a folder");
      }
      return new AttachmentFiles(folder.toAbsolutePath().normalize());
    } catch (IOException e) {
      throw new CliFailure("cannot make the folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code content} under a safe form of {@code name}; returns the file written. */
  Path write(String name, byte[] content) throws CliFailure {
    String safe = safeName(name);
    int dot = safe.lastIndexOf('.');
    String stem = dot > 0 ? safe.substring(0, dot) : safe;
    String extension = dot > 0 ? safe.substring(dot) : "";
    for (int copy = 1; copy < 1000; copy++) {
      Path file = folder.resolve(copy == 1 ? safe : stem + " (" + copy + ")" + extension);
      if (!folder.equals(file.getParent())) {
        throw new IllegalStateException("an attachment's name left its folder: " + file);
      }
      try {
        Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return file;
      } catch (FileAlreadyExistsException taken) {
        // try the next copy number
      } catch (IOException e) {
        throw new CliFailure("cannot write " + file + ": " + e.getMessage(), e);
      }
    }
    throw new CliFailure("cannot write " + safe + ": " + folder + " holds 999 files of that name");
  }

  /**
   * {@code name} as a file name of one folder: its last path segment, control characters and
   * characters file systems refuse replaced by {@code _}, no leading dots or spaces, at most
   * {@value #MAX_NAME} characters; {@code attachment} when nothing is left.
   */
  static String safeName(String name) {
    String base = name == null ? "" : name;
    int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
    base = base.substring(slash + 1);
    StringBuilder safe = new StringBuilder();
    base.codePoints()
        .forEach(
            c ->
                safe.appendCodePoint(
                    Character.isISOControl(c)
                            || "<>:\"|?*".indexOf(c) >= 0
                            || Character.getType(c) == Character.FORMAT
                        ? '_'
                        : c));
    String cleaned =
        safe.toString().strip().replaceFirst("^[.\\s]+", "").replaceFirst("[.\\s]+$", "");
    if (cleaned.length() > MAX_NAME) {
      int dot = cleaned.lastIndexOf('.');
      String extension = dot > 0 && cleaned.length() - dot <= 16 ? cleaned.substring(dot) : "";
      cleaned = cleaned.substring(0, MAX_NAME - extension.length()) + extension;
    }
    return cleaned.isEmpty() ? "attachment" : cleaned;
  }
}
