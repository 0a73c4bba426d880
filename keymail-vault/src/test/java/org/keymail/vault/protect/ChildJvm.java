package org.keymail.vault.protect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a test class's {@code main} in a second JVM with this JVM's class path and environment: a
 * second vault instance, or a process to kill in the middle of its work.
 */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final BufferedReader output;
  private final List<String> lines = new ArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    this.output =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  public static ChildJvm start(Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /** Reads the child's output until a line starts with {@code prefix}; fails if it ends first. */
  public String awaitLine(String prefix) throws IOException {
    String line;
    while ((line = output.readLine()) != null) {
      lines.add(line);
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError(
        "the child JVM ended without printing '"
            + prefix
            + "'; its output:\n"
            + String.join("\n", lines));
  }

  /**
   * Kills the child at once with SIGKILL (no shutdown hooks, no cleanup) and returns its exit
   * status (137 on Linux). Its output after the last line read is lost.
   */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the child JVM did not die");
    }
    return process.exitValue();
  }

  /** Waits for the child to end and returns the rest of its output. */
  public List<String> finish() throws IOException, InterruptedException {
    String line;
    while ((line = output.readLine()) != null) {
      lines.add(line);
    }
    process.waitFor(120, TimeUnit.SECONDS);
    return List.copyOf(lines);
  }

  /** Everything the child printed so far. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
