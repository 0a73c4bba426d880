package org.keymail.server.support;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server log's lines written while serving one person (their {@code user.id}), the newest
 * {@value #MOST_LINES}, each copied byte for byte as it stands in the log: support can compare them
 * with the server's own copy. When the current file holds fewer, the rolled files beside it ({@code
 * keymail.log.2026-12-03.0.gz}, ...) are read too, newest first.
 */
@Component
class ServerLogLines {

  static final int MOST_LINES = 2000;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Optional<Path> file;

  @Autowired
  ServerLogLines(Environment environment) {
    this(environment.getProperty("logging.file.name", ""));
  }

  ServerLogLines(String fileName) {
    this.file = fileName.isBlank() ? Optional.empty() : Optional.of(Path.of(fileName));
  }

  /** The lines of {@code user}, oldest first, as JSON Lines; empty when there is no log file. */
  byte[] of(UUID user) throws IOException {
    if (file.isEmpty()) {
      return new byte[0];
    }
    String id = user.toString();
    Deque<String> kept = new ArrayDeque<>();
    for (Path log : newestFirst(file.get())) {
      Deque<String> ofThisFile = linesOf(log, id);
      while (!ofThisFile.isEmpty() && kept.size() < MOST_LINES) {
        kept.addFirst(ofThisFile.removeLast());
      }
      if (kept.size() >= MOST_LINES) {
        break;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String line : kept) {
      out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** The current log, then its rolled files from the newest to the oldest. */
  private static List<Path> newestFirst(Path current) throws IOException {
    List<Path> logs = new ArrayList<>();
    if (Files.isRegularFile(current)) {
      logs.add(current);
    }
    Path folder = current.toAbsolutePath().getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      return logs;
    }
    List<Path> rolled = new ArrayList<>();
    String glob = current.getFileName() + ".*.gz";
    try (DirectoryStream<Path> found = Files.newDirectoryStream(folder, glob)) {
      found.forEach(rolled::add);
    }
    rolled.sort(
        Comparator.comparing(ServerLogLines::lastModified)
            .thenComparing(Path::getFileName)
            .reversed());
    logs.addAll(rolled);
    return logs;
  }

  /** The newest {@value #MOST_LINES} lines of {@code user} in one file, oldest first. */
  private static Deque<String> linesOf(Path log, String id) throws IOException {
    Deque<String> kept = new ArrayDeque<>();
    try (InputStream raw = Files.newInputStream(log);
        InputStream in = log.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        // ISO-8859-1: every byte is one character, so the lines go out exactly as read.
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.contains(id) && id.equals(userOf(line))) {
          kept.addLast(line);
          if (kept.size() > MOST_LINES) {
            kept.removeFirst();
          }
        }
      }
    }
    return kept;
  }

  private static long lastModified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toMillis();
    } catch (IOException gone) {
      return 0;
    }
  }

  /** The user id a log line carries, written flat ({@code "user.id"}) or nested. */
  private static String userOf(String line) {
    try {
      JsonNode entry =
          JSON.readTree(
              new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
      JsonNode flat = entry.get(UserInLog.USER_ID);
      if (flat != null) {
        return flat.asString();
      }
      JsonNode nested = entry.path("user").get("id");
      return nested == null ? "" : nested.asString();
    } catch (JacksonException notJson) {
      return "";
    }
  }
}
