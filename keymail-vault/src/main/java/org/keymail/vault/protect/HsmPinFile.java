package org.keymail.vault.protect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The file an HSM's PIN is kept in, so that it never appears on a command line, in settings or in a
 * message. Used by the server and by {@code keymail vault rotate-kek}.
 */
public final class HsmPinFile {

  private HsmPinFile() {}

  /**
   * Reads the PIN from {@code pinFile}: its first line, since a trailing newline from an editor or
   * {@code echo} is not part of it. Errors name the file, never its content.
   */
  public static char[] read(Path pinFile) throws HsmLoginException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(pinFile);
    } catch (NoSuchFileException e) {
      // No cause: start-up shows the innermost message, and this one says everything.
      throw new HsmLoginException(
          "the HSM PIN file " + pinFile.toAbsolutePath() + " does not exist", null);
    } catch (IOException e) {
      // The message names the file, never its content.
      HsmLoginException unreadable =
          new HsmLoginException(
              "cannot read the HSM PIN file " + pinFile.toAbsolutePath() + ": " + e, null);
      unreadable.addSuppressed(e);
      throw unreadable;
    }
    try {
      int end = 0;
      while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      if (end == 0) {
        throw new HsmLoginException(
            "the HSM PIN file " + pinFile.toAbsolutePath() + " is empty", null);
      }
      CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, end));
      char[] pin = new char[chars.remaining()];
      chars.get(pin);
      Arrays.fill(chars.array(), '\0');
      return pin;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
