package org.keymail.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which log lines a support report carries: one person's, newest kept, rolled files included. */
class ServerLogLinesTest {

  private static final UUID ALICE = UUID.fromString("6f1c2a8e-0b7d-4d1e-9a55-3c2f1e0d9b11");
  private static final UUID BOB = UUID.fromString("0d3e9b52-7c41-4f8a-b2e6-91a7c5d4e820");

  @TempDir Path data;

  @Test
  void onlyThePersonsLinesGoOutByteForByteFromTheRolledFilesAndTheCurrentOne() throws IOException {
    Path current = data.resolve("keymail.log");
    gzip(
        data.resolve("keymail.log.2026-12-02.0.gz"),
        List.of(line(ALICE, "older é"), line(BOB, "b")));
    gzip(data.resolve("keymail.log.2026-12-03.0.gz"), List.of(line(ALICE, "newer")));
    Files.setLastModifiedTime(
        data.resolve("keymail.log.2026-12-02.0.gz"),
        FileTime.from(Instant.parse("2026-12-02T23:59:00Z")));
    Files.setLastModifiedTime(
        data.resolve("keymail.log.2026-12-03.0.gz"),
        FileTime.from(Instant.parse("2026-12-03T23:59:00Z")));
    Files.write(
        current,
        (line(ALICE, "now") + "\nnot json " + ALICE + "\n" + line(BOB, "c") + "\n")
            .getBytes(StandardCharsets.UTF_8));

    String sent =
        new String(new ServerLogLines(current.toString()).of(ALICE), StandardCharsets.UTF_8);

    assertThat(sent.lines().toList())
        .containsExactly(line(ALICE, "older é"), line(ALICE, "newer"), line(ALICE, "now"));
  }

  @Test
  void theNewestLinesAreKeptWhenThereAreMoreThanAReportCarries() throws IOException {
    Path current = data.resolve("keymail.log");
    List<String> older = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      older.add(line(ALICE, "rolled " + i));
    }
    gzip(data.resolve("keymail.log.2026-12-03.0.gz"), older);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < ServerLogLines.MOST_LINES - 3; i++) {
      lines.add(line(ALICE, "line " + i));
    }
    Files.write(current, lines, StandardCharsets.UTF_8);

    List<String> sent =
        new String(new ServerLogLines(current.toString()).of(ALICE), StandardCharsets.UTF_8)
            .lines()
            .toList();

    assertThat(sent).hasSize(ServerLogLines.MOST_LINES);
    assertThat(sent.subList(0, 3))
        .containsExactly(line(ALICE, "rolled 7"), line(ALICE, "rolled 8"), line(ALICE, "rolled 9"));
    assertThat(sent.getLast()).isEqualTo(line(ALICE, "line " + (ServerLogLines.MOST_LINES - 4)));
  }

  @Test
  void noLogFileMeansNoLines() throws IOException {
    assertThat(new ServerLogLines("").of(ALICE)).isEmpty();
    assertThat(new ServerLogLines(data.resolve("absent.log").toString()).of(ALICE)).isEmpty();
  }

  private static String line(UUID user, String message) {
    return "{\"@timestamp\":\"2026-12-03T10:00:00Z\",\"message\":\""
        + message
        + "\",\"user.id\":\""
        + user
        + "\"}";
  }

  private static void gzip(Path file, List<String> lines) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      for (String line : lines) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
