package org.keymail.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A class's {@code main} in a JVM of its own, with this JVM's class path, version and environment
 * (plus what the test sets): a second instance of something, a process to kill in the middle of its
 * work, or a command line as a person runs it.
 *
 * <p>A description of the child: set it up, then {@link #run} it to its end (output in files, as
 * {@link ExternalProgram}) or {@link #start} it and read its output while it runs.
 */
public final class ChildJvm {

  private static final Duration LINE_TIME_LIMIT = Duration.ofMinutes(2);

  private final Class<?> main;
  private Path workDir;
  private final Map<String, String> environment = new HashMap<>();
  private final List<String> removedPrefixes = new ArrayList<>();
  private final List<String> jvmOptions = new ArrayList<>();

  private ChildJvm(Class<?> main) {
    this.main = main;
  }

  /** A child that runs {@code main}. */
  public static ChildJvm of(Class<?> main) {
    return new ChildJvm(main);
  }

  /** The child's working folder (default: this JVM's). */
  public ChildJvm in(Path workDir) {
    this.workDir = workDir;
    return this;
  }

  /** Sets one environment variable of the child. */
  public ChildJvm env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Sets environment variables of the child. */
  public ChildJvm env(Map<String, String> variables) {
    environment.putAll(variables);
    return this;
  }

  /** Leaves out this JVM's variables whose names start with {@code prefix} (set ones stay). */
  public ChildJvm withoutInheritedEnv(String prefix) {
    removedPrefixes.add(prefix);
    return this;
  }

  /** Options for the child's JVM ({@code -Xmx64m}, {@code -Dname=value}). */
  public ChildJvm jvmOptions(String... options) {
    jvmOptions.addAll(List.of(options));
    return this;
  }

  /**
   * Runs the child with {@code args} to its end.
   *
   * @throws AssertionError when it does not end within {@code timeLimit} (it is killed then)
   */
  public ProcessResult run(Duration timeLimit, String... args) {
    ExternalProgram program =
        ExternalProgram.command(command(args)).env(environment).timeLimit(timeLimit);
    removedPrefixes.forEach(program::withoutInheritedEnv);
    if (workDir != null) {
      program.in(workDir);
    }
    return program.run();
  }

  /** Starts the child with {@code args} and returns while it runs. */
  public Running start(String... args) {
    ProcessBuilder builder = new ProcessBuilder(command(args));
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
    builder
        .environment()
        .keySet()
        .removeIf(name -> removedPrefixes.stream().anyMatch(name::startsWith));
    builder.environment().putAll(environment);
    try {
      return new Running(builder.command(), builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start java for " + main.getName(), e);
    }
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(jvmOptions);
    command.add(main.getName());
    command.addAll(List.of(args));
    return command;
  }

  /**
   * A running child. Its standard output and error are read as they come, line by line, so that it
   * never blocks on a full pipe. Closing it kills the child if it still runs.
   */
  public static final class Running implements AutoCloseable {

    private final List<String> command;
    private final Process process;
    private final Lines out;
    private final Lines err;

    private Running(List<String> command, Process process) {
      this.command = List.copyOf(command);
      this.process = process;
      this.out = new Lines(process.getInputStream());
      this.err = new Lines(process.getErrorStream());
    }

    /** Waits up to two minutes for a line of standard output that starts with {@code prefix}. */
    public String awaitLine(String prefix) {
      return awaitLine(line -> line.startsWith(prefix), LINE_TIME_LIMIT);
    }

    /**
     * Waits until a line of standard output matches {@code wanted} and returns it.
     *
     * @throws AssertionError when the child ends first or {@code timeout} passes, with all it
     *     printed
     */
    public String awaitLine(Predicate<String> wanted, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        while (true) {
          long left = deadline - System.nanoTime();
          String line = left > 0 ? out.next(left) : null;
          if (line == null) {
            throw new AssertionError(
                "the child JVM did not print the line waited for"
                    + (process.isAlive() ? " in " + timeout : " before it ended")
                    + "; standard output:\n"
                    + String.join("\n", out.all())
                    + "\nstandard error:\n"
                    + String.join("\n", err.all()));
          }
          if (wanted.test(line)) {
            return line;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }

    /** The lines of standard output read so far. */
    public List<String> lines() {
      return out.all();
    }

    /**
     * Kills the child at once with SIGKILL (no shutdown hooks, no cleanup) and returns its exit
     * status (137 on Linux).
     */
    public int kill() {
      process.destroyForcibly();
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          throw new AssertionError("the child JVM did not die");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      return process.exitValue();
    }

    /** Stops the child as Ctrl-C would (SIGTERM) and returns what it printed in all. */
    public ProcessResult stop(Duration timeout) {
      process.destroy();
      return awaitExit(timeout);
    }

    /** Waits for the child to end by itself; kills it and fails when it does not in time. */
    public ProcessResult awaitExit(Duration timeout) {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
          throw new AssertionError(
              "the child JVM did not end within "
                  + timeout
                  + "; standard output:\n"
                  + String.join("\n", out.all()));
        }
        out.finish();
        err.finish();
        return new ProcessResult(command, process.exitValue(), text(out.all()), text(err.all()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }

    private static String text(List<String> lines) {
      StringBuilder text = new StringBuilder();
      lines.forEach(line -> text.append(line).append('\n'));
      return text.toString();
    }
  }

  /** One output stream of the child, read line by line as it comes. */
  private static final class Lines {
    private static final Object END = new Object();

    private final BlockingQueue<Object> coming = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();
    private final Thread reader;

    Lines(InputStream stream) {
      reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        synchronized (all) {
                          all.add(line);
                        }
                        coming.add(line);
                      }
                    } catch (IOException e) {
                      // the child was killed; what was read stays
                    } finally {
                      coming.add(END);
                    }
                  });
    }

    /** The next line, or null at the end of the stream or when {@code nanos} pass. */
    String next(long nanos) throws InterruptedException {
      Object line = coming.poll(nanos, TimeUnit.NANOSECONDS);
      if (line == END) {
        coming.add(END);
        return null;
      }
      return (String) line;
    }

    void finish() throws InterruptedException {
      reader.join(Duration.ofSeconds(30));
    }

    List<String> all() {
      synchronized (all) {
        return List.copyOf(all);
      }
    }
  }
}
