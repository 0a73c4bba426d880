package org.keymail.server.webmail.compose;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The attachments of the messages one browser session is writing: a form that comes back (a wrong
 * address, locked keys, a mail server that refused) lists them again instead of asking for them
 * again, on whichever node the next post reaches. They are kept in the database ({@link
 * KeptAttachmentStore}) and deleted when the message is sent, when the writer removes them, and
 * when the browser session ends.
 */
final class KeptAttachments {

  private final KeptAttachmentStore store;
  private final String keeper;

  KeptAttachments(KeptAttachmentStore store, String keeper) {
    this.store = store;
    this.keeper = keeper;
  }

  /** Keeps {@code content} as an attachment named {@code name}. */
  Attachment keep(String name, String contentType, InputStream content) throws IOException {
    return store.keep(keeper, name, contentType, content);
  }

  /** Keeps a copy of {@code file}. */
  Attachment keep(String name, String contentType, Path file) throws IOException {
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      return keep(name, contentType, in);
    }
  }

  /** Those of {@code ids} still kept, in the order given. */
  List<Attachment> all(List<String> ids) throws IOException {
    return store.all(keeper, ids);
  }

  /** Deletes the attachment {@code id}. */
  void drop(String id) {
    store.drop(keeper, id);
  }

  /** The last segment of what the browser sent, without control characters. */
  static String safeName(String name) {
    String base = name == null ? "" : name;
    int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
    base = base.substring(slash + 1).replaceAll("\\p{Cntrl}", "").strip();
    if (base.length() > 200) {
      base = base.substring(base.length() - 200);
    }
    return base.isEmpty() ? "attachment" : base;
  }

  @Override
  public String toString() {
    return "KeptAttachments[keeper=" + keeper + "]";
  }
}
