package org.keymail.cli.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The file {@code ~/.keymail/known-servers}: for each server ({@code host:port}) the SHA-256
 * fingerprint of the certificate it showed the first time (trust on first use, as ssh's {@code
 * known_hosts}). One line per server: {@code host:port sha256-hex}; lines starting with {@code #}
 * are comments.
 */
final class KnownServers {

  private final Path file;

  KnownServers(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** The pinned fingerprint of {@code server}, if it was met before. */
  Optional<String> pin(String server) throws IOException {
    return Optional.ofNullable(read().get(server));
  }

  /** Pins {@code fingerprint} for {@code server}, keeping every other line. */
  synchronized void remember(String server, String fingerprint) throws IOException {
    Map<String, String> pins = read();
    pins.put(server, fingerprint);
    StringBuilder content =
        new StringBuilder("# keymail: servers met and their certificate's SHA-256\n");
    pins.forEach((name, pin) -> content.append(name).append(' ').append(pin).append('\n'));
    PrivateFiles.write(file, content.toString());
  }

  private Map<String, String> read() throws IOException {
    Map<String, String> pins = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return pins;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      String[] parts = entry.split("\\s+");
      if (parts.length == 2) {
        pins.put(parts[0], parts[1].toLowerCase(java.util.Locale.ROOT));
      }
    }
    return pins;
  }
}
