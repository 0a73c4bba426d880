package org.keymail.pki.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code openssl} command line in a scratch folder, output captured in files and with
 * a time limit. Not installed means the test fails with a message saying so; it never skips.
 */
final class Openssl {

  private static final long TIME_LIMIT_SECONDS = 60;

  private final Path workDir;

  Openssl(Path workDir) {
    this.workDir = workDir;
  }

  /** What one run gave back. */
  record Result(List<String> command, int exitCode, String output) {
    String describe() {
      return String.join(" ", command) + "\n  exit " + exitCode + "\n  " + output.strip();
    }
  }

  Result run(String... args) {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(workDir, "openssl-", ".out");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new AssertionError(
            "openssl is not installed or cannot run ("
                + e.getMessage()
                + "); these tests need"
                + " the real peer: apt-get install -y openssl (.ci/run installs it)",
            e);
      }
      if (!process.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in time");
      }
      return new Result(
          command, process.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }

  Path write(String name, String content) {
    try {
      return Files.writeString(workDir.resolve(name), content, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
