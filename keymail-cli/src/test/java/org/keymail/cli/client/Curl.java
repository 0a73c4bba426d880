package org.keymail.cli.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's curl as a mail client: its IMAP fetches and SMTP sends, run in {@code folder}. */
final class Curl {

  /** What one run did. */
  record Result(int exitCode, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  private final Path folder;

  Curl(Path folder) {
    this.folder = folder;
  }

  Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "120"));
    command.addAll(List.of(args));
    Path stdout = java.nio.file.Files.createTempFile(folder, "curl", ".out");
    Path stderr = java.nio.file.Files.createTempFile(folder, "curl", ".err");
    Process process =
        new ProcessBuilder(command)
            .directory(folder.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("curl did not finish: " + command);
    }
    return new Result(
        process.exitValue(),
        java.nio.file.Files.readAllBytes(stdout),
        java.nio.file.Files.readString(stderr));
  }
}
