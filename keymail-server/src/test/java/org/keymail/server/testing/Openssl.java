package org.keymail.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code openssl} command as a peer of the CA: runs it with arguments, feeds no input, and
 * returns its exit status and everything it printed. A missing openssl fails the test with a clear
 * message.
 */
public final class Openssl {

  /** What one run of openssl did. */
  public record Result(int exitCode, String output) {}

  private final Path folder;

  /** Runs openssl in {@code folder}, where the tests put their PEM files. */
  public Openssl(Path folder) {
    this.folder = folder;
  }

  public Result run(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(arguments));
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(folder.toFile())
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("openssl " + String.join(" ", arguments) + " did not finish");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException(
          "these tests need the openssl command (apt-get install -y openssl): " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code text} to {@code name} in the folder and returns its path. */
  public Path write(String name, String text) {
    try {
      return Files.writeString(folder.resolve(name), text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code bytes} to {@code name} in the folder and returns its path. */
  public Path write(String name, byte[] bytes) {
    try {
      return Files.write(folder.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
