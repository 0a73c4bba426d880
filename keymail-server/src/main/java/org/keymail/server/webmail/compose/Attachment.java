package org.keymail.server.webmail.compose;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file attached to a message being written, kept in a temporary file of its own (never in memory)
 * until the message is sent or the browser session ends.
 *
 * @param id how the form refers to it
 * @param name the file name shown and sent
 * @param contentType its media type as the browser said, or {@code application/octet-stream}
 * @param size its length in bytes
 * @param file where it is kept
 */
public record Attachment(String id, String name, String contentType, long size, Path file) {

  public Attachment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(file, "file");
  }

  /** "12 KB", "3.4 MB". */
  public String shownSize() {
    return readable(size);
  }

  /** {@code size} bytes as people read it: "12 KB", "3.4 MB". */
  static String readable(long size) {
    if (size < 1024) {
      return size + " bytes";
    }
    if (size < 1024 * 1024) {
      return (size + 1023) / 1024 + " KB";
    }
    return String.format(java.util.Locale.ROOT, "%.1f MB", size / (1024.0 * 1024.0));
  }
}
