package org.keymail.cli;

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
 * {@code keymail} in a JVM of its own, as the launcher runs it: the process's own working folder,
 * environment ({@code HOME}, {@code KEYMAIL_HOME}, ...) and standard streams. For what only a real
 * process shows: where files land relative to the working folder, what {@code $HOME} means, and
 * what a person sees on the console while a server starts and runs.
 *
 * <p>The child gets this JVM's environment without any {@code KEYMAIL_*} variable, plus what the
 * test sets, so a developer's own settings do not leak in.
 */
public final class KeymailChild {

  private final Path workDir;
  private final Map<String, String> environment = new HashMap<>();

  private KeymailChild(Path workDir) {
    this.workDir = workDir;
  }

  /** A child whose working folder is {@code workDir}. */
  public static KeymailChild in(Path workDir) {
    return new KeymailChild(workDir);
  }

  /** Sets one environment variable of the child. */
  public KeymailChild env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** What a finished child printed, and its exit status. */
  public record Result(int exitCode, List<String> out, List<String> err) {}

  /** Runs keymail with {@code args} and waits for it to end. */
  public Result run(Duration timeout, String... args) {
    try (Running running = start(args)) {
      return running.awaitExit(timeout);
    }
  }

  /** Starts keymail with {@code args} and returns while it runs (a server, say). */
  public Running start(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add(Keymail.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("KEYMAIL_"));
    builder.environment().putAll(environment);
    try {
      return new Running(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start java for keymail", e);
    }
  }

  /** A running child: its output as it comes, line by line. Closing it stops the child. */
  public static final class Running implements AutoCloseable {

    private final Process process;
    private final Lines out;
    private final Lines err;

    private Running(Process process) {
      this.process = process;
      this.out = new Lines(process.getInputStream());
      this.err = new Lines(process.getErrorStream());
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
                "keymail did not print the line waited for"
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

    /** Stops the child as Ctrl-C would (SIGTERM) and returns what it printed in all. */
    public Result stop(Duration timeout) {
      process.destroy();
      return awaitExit(timeout);
    }

    /** Waits for the child to end by itself; kills it and fails when it does not in time. */
    public Result awaitExit(Duration timeout) {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
          throw new AssertionError(
              "keymail did not end within "
                  + timeout
                  + "; standard output:\n"
                  + String.join("\n", out.all()));
        }
        out.finish();
        err.finish();
        return new Result(process.exitValue(), out.all(), err.all());
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
  }

  /** One output stream of the child, read line by line as it comes. */
  private static final class Lines {
    private static final String END = new String("end of stream");

    private final BlockingQueue<String> coming = new LinkedBlockingQueue<>();
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
      String line = coming.poll(nanos, TimeUnit.NANOSECONDS);
      if (line == END) {
        coming.add(END);
        return null;
      }
      return line;
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
