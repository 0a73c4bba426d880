package org.keymail.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server log's lines written while serving one person (their {@code user.id}), the newest
 * {@value #MOST_LINES} of the current log file, each copied byte for byte as it stands in the file:
 * support can compare them with the server's own copy.
 */
@Component
class ServerLogLines {

  static final int MOST_LINES = 2000;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Optional<Path> file;

  ServerLogLines(Environment environment) {
    String name = environment.getProperty("logging.file.name", "");
    this.file = name.isBlank() ? Optional.empty() : Optional.of(Path.of(name));
  }

  /** The lines of {@code user}, oldest first, as JSON Lines; empty when there is no log file. */
  byte[] of(UUID user) throws IOException {
    if (file.isEmpty() || !Files.isRegularFile(file.get())) {
      return new byte[0];
    }
    String id = user.toString();
    Deque<String> kept = new ArrayDeque<>();
    // Read as ISO-8859-1: every byte is one character, so the lines go out exactly as read.
    List<String> lines = Files.readAllLines(file.get(), StandardCharsets.ISO_8859_1);
    for (String line : lines) {
      if (line.contains(id) && id.equals(userOf(line))) {
        kept.addLast(line);
        if (kept.size() > MOST_LINES) {
          kept.removeFirst();
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String line : kept) {
      out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
      out.write('\n');
    }
    return out.toByteArray();
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
