package org.keymail.server.webmail.compose;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attachments of the messages a browser session is writing, each in a temporary file readable
 * by this process's user only: a form that comes back (a wrong address, locked keys, a mail server
 * that refused) lists them again instead of asking for them again. They are deleted when the
 * message is sent, when the writer removes them, and when the session ends. Sessions live in the
 * server's memory only, so the files never outlive the process's knowledge of them.
 */
final class KeptAttachments implements HttpSessionBindingListener {

  private static final String ATTRIBUTE = KeptAttachments.class.getName();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Attachment> kept = new LinkedHashMap<>();

  private KeptAttachments() {}

  /** The session's attachments, made on first use. */
  static KeptAttachments of(HttpSession session) {
    synchronized (session) {
      Object existing = session.getAttribute(ATTRIBUTE);
      if (existing instanceof KeptAttachments attachments) {
        return attachments;
      }
      KeptAttachments attachments = new KeptAttachments();
      session.setAttribute(ATTRIBUTE, attachments);
      return attachments;
    }
  }

  /** Keeps {@code content} as an attachment named {@code name}. */
  synchronized Attachment keep(String name, String contentType, InputStream content)
      throws IOException {
    Path file =
        Files.createTempFile(
            "keymail-attachment-",
            ".part",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      long size = Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
      byte[] id = new byte[12];
      RANDOM.nextBytes(id);
      Attachment attachment =
          new Attachment(
              HexFormat.of().formatHex(id),
              safeName(name),
              contentType == null || contentType.isBlank()
                  ? "application/octet-stream"
                  : contentType,
              size,
              file);
      kept.put(attachment.id(), attachment);
      return attachment;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** Keeps a copy of {@code file}. */
  Attachment keep(String name, String contentType, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return keep(name, contentType, in);
    }
  }

  synchronized Optional<Attachment> get(String id) {
    return Optional.ofNullable(kept.get(id));
  }

  /** Those of {@code ids} still kept, in the order given. */
  synchronized List<Attachment> all(List<String> ids) {
    List<Attachment> found = new ArrayList<>();
    for (String id : ids) {
      Attachment attachment = kept.get(id);
      if (attachment != null && !found.contains(attachment)) {
        found.add(attachment);
      }
    }
    return found;
  }

  /** Deletes the attachment {@code id}. */
  synchronized void drop(String id) {
    Attachment attachment = kept.remove(id);
    if (attachment != null) {
      delete(attachment.file());
    }
  }

  @Override
  public void valueUnbound(HttpSessionBindingEvent event) {
    synchronized (this) {
      kept.values().forEach(a -> delete(a.file()));
      kept.clear();
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete an attachment's temporary file", e);
    }
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
    return "KeptAttachments[" + kept.size() + "]";
  }
}
