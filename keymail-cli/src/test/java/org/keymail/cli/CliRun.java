package org.keymail.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the {@code keymail} command tree in-process, as the launcher would, with standard input,
 * output and environment of the test's choosing, and keeps what it printed.
 */
public final class CliRun {

  private byte[] stdin = new byte[0];
  private final Map<String, String> environment = new HashMap<>();

  /** What one run of the command printed and returned. */
  public record Result(int exitCode, byte[] stdout, String stderr) {

    /** Standard output as text. */
    public String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  public static CliRun keymail() {
    return new CliRun();
  }

  /** Feeds {@code bytes} to the command's standard input. */
  public CliRun stdin(byte[] bytes) {
    this.stdin = bytes.clone();
    return this;
  }

  /** Sets one environment variable for the command. */
  public CliRun env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  public Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal terminal =
        new Terminal(
            new ByteArrayInputStream(stdin),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            environment);
    int exitCode = Keymail.commandLine(terminal, args).execute(args);
    return new Result(exitCode, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }
}
