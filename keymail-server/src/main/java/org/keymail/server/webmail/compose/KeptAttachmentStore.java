package org.keymail.server.webmail.compose;

import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.keymail.vault.store.VaultDatabase;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The webmail's kept attachments in the shared database (table {@code kept_attachments}), so a
 * compose form that comes back works on any node. Each browser session keeps its own under a random
 * keeper name, which the session holds as the attribute {@link #KEEPER_PREFIX}{@code <keeper>}: the
 * name alone lets a sweep find the attachments of sessions that have ended, without reading any
 * session's values.
 *
 * <p>A node writes the content into a temporary file of its own (readable by this process's user
 * only) before it stores it, and keeps such a copy while the attachment is in use here, because the
 * message writer streams attachments from files. Copies unused for an hour are deleted; the row
 * stays the original until the message is sent, the attachment removed, or the session ended.
 */
@Component
class KeptAttachmentStore {

  /** The start of the session attribute that names a session's keeper. */
  static final String KEEPER_PREFIX = "org.keymail.server.webmail.compose.keeper.";

  /** How long a node keeps its copy of an attachment it has not used. */
  private static final Duration COPY_UNUSED = Duration.ofHours(1);

  /**
   * How old a row must be before a sweep may think its session gone: a session's new attribute is
   * stored when its request ends, the row while the request runs.
   */
  private static final Duration GRACE = Duration.ofMinutes(5);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final VaultDatabase database;
  private final Clock clock;
  private final Map<String, Copy> copies = new ConcurrentHashMap<>();

  /** This node's copy of a kept attachment and when it was last handed out. */
  private record Copy(Path file, Instant usedAt) {}

  KeptAttachmentStore(VaultDatabase database, @Qualifier("keymailClock") Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** The attachments of {@code session}, its keeper named on first use. */
  KeptAttachments of(HttpSession session) {
    for (String name : java.util.Collections.list(session.getAttributeNames())) {
      if (name.startsWith(KEEPER_PREFIX)) {
        return new KeptAttachments(this, name.substring(KEEPER_PREFIX.length()));
      }
    }
    String keeper = randomHex(16);
    session.setAttribute(KEEPER_PREFIX + keeper, Boolean.TRUE);
    return new KeptAttachments(this, keeper);
  }

  Attachment keep(String keeper, String name, String contentType, InputStream content)
      throws IOException {
    Path file = newCopyFile();
    try {
      long size = Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
      Attachment attachment =
          new Attachment(
              randomHex(12),
              KeptAttachments.safeName(name),
              contentType == null || contentType.isBlank()
                  ? "application/octet-stream"
                  : cut(contentType.strip(), 255),
              size,
              file);
      try (InputStream stored = Files.newInputStream(file)) {
        database.<Void, IOException>inTransaction(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "INSERT INTO kept_attachments (id, keeper, name, content_type, size, content,"
                          + " kept_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, attachment.id());
                s.setString(2, keeper);
                s.setString(3, attachment.name());
                s.setString(4, attachment.contentType());
                s.setLong(5, size);
                s.setBinaryStream(6, stored, size);
                s.setObject(7, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                s.executeUpdate();
              }
              return null;
            });
      }
      copies.put(attachment.id(), new Copy(file, clock.instant()));
      return attachment;
    } catch (IOException | RuntimeException e) {
      // Removes the half-written file, whatever the failure, and passes the failure on.
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** Those of {@code ids} that {@code keeper} still keeps, in the order given. */
  List<Attachment> all(String keeper, List<String> ids) throws IOException {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, Stored> kept = new LinkedHashMap<>();
    for (Stored row : rows(keeper)) {
      kept.put(row.id(), row);
    }
    List<Attachment> found = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      Stored row = kept.get(id);
      if (row != null) {
        found.add(row.attachment(copyOf(id)));
      }
    }
    return found;
  }

  /** Deletes the attachment {@code id} of {@code keeper}, and this node's copy. */
  void drop(String keeper, String id) {
    database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM kept_attachments WHERE id = ? AND keeper = ?")) {
            s.setString(1, id);
            s.setString(2, keeper);
            s.executeUpdate();
          }
          return null;
        });
    Copy copy = copies.remove(id);
    if (copy != null) {
      delete(copy.file());
    }
  }

  /**
   * Deletes the attachments of browser sessions that have ended (signed out, or expired and
   * cleared), and this node's copies nobody used for an hour.
   */
  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
  void sweep() {
    Instant now = clock.instant();
    database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "DELETE FROM kept_attachments WHERE kept_at < ? AND NOT EXISTS (SELECT 1 FROM"
                      + " browser_sessions_attributes a WHERE a.attribute_name = CONCAT(?,"
                      + " kept_attachments.keeper))")) {
            s.setObject(1, OffsetDateTime.ofInstant(now.minus(GRACE), ZoneOffset.UTC));
            s.setString(2, KEEPER_PREFIX);
            s.executeUpdate();
          }
          return null;
        });
    copies.forEach(
        (id, copy) -> {
          if (copy.usedAt().plus(COPY_UNUSED).isBefore(now) && copies.remove(id, copy)) {
            delete(copy.file());
          }
        });
  }

  /** A kept attachment's row, without its content. */
  private record Stored(String id, String name, String contentType, long size) {
    Attachment attachment(Path file) {
      return new Attachment(id, name, contentType, size, file);
    }
  }

  private List<Stored> rows(String keeper) {
    return database.inTransaction(
        c -> {
          List<Stored> rows = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, name, content_type, size FROM kept_attachments WHERE keeper = ?"
                      + " ORDER BY kept_at, id")) {
            s.setString(1, keeper);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                rows.add(new Stored(r.getString(1), r.getString(2), r.getString(3), r.getLong(4)));
              }
            }
          }
          return rows;
        });
  }

  /** This node's copy of attachment {@code id}, fetched from the database when there is none. */
  private Path copyOf(String id) throws IOException {
    Copy known = copies.get(id);
    if (known != null && Files.exists(known.file())) {
      copies.put(id, new Copy(known.file(), clock.instant()));
      return known.file();
    }
    Path file = newCopyFile();
    try {
      database.<Void, IOException>inTransaction(
          c -> {
            try (PreparedStatement s =
                c.prepareStatement("SELECT content FROM kept_attachments WHERE id = ?")) {
              s.setString(1, id);
              try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                  try (InputStream content = r.getBinaryStream(1)) {
                    Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
                  }
                }
              }
            }
            return null;
          });
    } catch (IOException | RuntimeException e) {
      // Removes the half-written file, whatever the failure, and passes the failure on.
      Files.deleteIfExists(file);
      throw e;
    }
    copies.put(id, new Copy(file, clock.instant()));
    return file;
  }

  private static Path newCopyFile() throws IOException {
    return Files.createTempFile(
        "keymail-attachment-",
        ".part",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete an attachment's temporary file", e);
    }
  }

  private static String cut(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }

  private static String randomHex(int bytes) {
    byte[] id = new byte[bytes];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }
}
