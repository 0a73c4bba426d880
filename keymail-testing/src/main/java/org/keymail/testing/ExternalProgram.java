package org.keymail.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program to its end for a test: standard output and error go to files, not pipes (a chatty
 * program cannot block on a full pipe, and a daemon that keeps the descriptors it was started with
 * cannot keep the test waiting for their end), standard input is empty or given bytes, and a time
 * limit makes a program waiting for a prompt fail the test instead of hanging it. A program that is
 * not installed fails the test, it is never skipped.
 *
 * <p>A description of a run: set it up, then {@link #run()} it to its end (as often as wanted), or
 * {@link #start()} it and read its output while it runs.
 */
public final class ExternalProgram {

  private static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(120);

  private final List<String> command;
  private Path workDir;
  private final Map<String, String> environment = new HashMap<>();
  private final List<String> removedPrefixes = new ArrayList<>();
  private byte[] stdin = new byte[0];
  private Duration timeLimit = DEFAULT_TIME_LIMIT;
  private Charset charset = StandardCharsets.UTF_8;
  private String installHint = "";

  private ExternalProgram(List<String> command) {
    this.command = List.copyOf(command);
  }

  /** {@code program} with {@code args}. */
  public static ExternalProgram command(String program, String... args) {
    List<String> command = new ArrayList<>(args.length + 1);
    command.add(program);
    command.addAll(List.of(args));
    return new ExternalProgram(command);
  }

  /** The command line {@code command}, the program first. */
  public static ExternalProgram command(List<String> command) {
    return new ExternalProgram(command);
  }

  /** Runs the program in {@code workDir} (default: this JVM's working folder). */
  public ExternalProgram in(Path workDir) {
    this.workDir = workDir;
    return this;
  }

  /** Sets one environment variable on top of this JVM's environment. */
  public ExternalProgram env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Sets environment variables on top of this JVM's environment. */
  public ExternalProgram env(Map<String, String> variables) {
    environment.putAll(variables);
    return this;
  }

  /** Leaves out this JVM's variables whose names start with {@code prefix} (set ones stay). */
  public ExternalProgram withoutInheritedEnv(String prefix) {
    removedPrefixes.add(prefix);
    return this;
  }

  /** What the program reads on standard input (default: nothing). */
  public ExternalProgram stdin(byte[] bytes) {
    this.stdin = bytes.clone();
    return this;
  }

  /** How long the program may run (default two minutes); longer fails the test. */
  public ExternalProgram timeLimit(Duration limit) {
    this.timeLimit = limit;
    return this;
  }

  /** How the output is read (default UTF-8; ISO-8859-1 keeps any byte). */
  public ExternalProgram charset(Charset charset) {
    this.charset = charset;
    return this;
  }

  /** How to install the program, said when it cannot start ("apt-get install -y openssl"). */
  public ExternalProgram installHint(String hint) {
    this.installHint = hint;
    return this;
  }

  /**
   * Starts the program and returns while it runs; its output is read as it comes (the time limit
   * and standard input do not apply).
   */
  public RunningProcess start() {
    ProcessBuilder builder = processBuilder();
    return new RunningProcess(command, launch(builder));
  }

  /**
   * Runs the program to its end and returns what it did, whatever its exit status.
   *
   * @throws AssertionError when it cannot start or does not end within the time limit (it is killed
   *     then), with what it printed
   */
  public ProcessResult run() {
    Path out = null;
    Path err = null;
    Path in = null;
    try {
      out = Files.createTempFile("keymail-process-", ".out");
      err = Files.createTempFile("keymail-process-", ".err");
      in = Files.createTempFile("keymail-process-", ".in");
      Files.write(in, stdin);
      ProcessBuilder builder =
          processBuilder()
              .redirectInput(in.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      Process process = launch(builder);
      if (!process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        throw new AssertionError(
            String.join(" ", command)
                + " did not finish within "
                + timeLimit
                + "\n  stdout: "
                + read(out).strip()
                + "\n  stderr: "
                + read(err).strip());
      }
      return new ProcessResult(command, process.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    } finally {
      delete(out);
      delete(err);
      delete(in);
    }
  }

  private ProcessBuilder processBuilder() {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
    builder
        .environment()
        .keySet()
        .removeIf(name -> removedPrefixes.stream().anyMatch(name::startsWith));
    builder.environment().putAll(environment);
    return builder;
  }

  private String read(Path file) throws IOException {
    return Files.readString(file, charset);
  }

  private Process launch(ProcessBuilder builder) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new AssertionError(
          command.get(0)
              + " is not installed or cannot run ("
              + e.getMessage()
              + ")"
              + (installHint.isEmpty() ? "" : "; the tests need it: " + installHint),
          e);
    }
  }

  private static void delete(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
