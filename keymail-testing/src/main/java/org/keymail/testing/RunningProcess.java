package org.keymail.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program that runs while the test goes on, started by {@link ExternalProgram#start()}. Its
 * standard output and error are read as they come, line by line, so that it never blocks on a full
 * pipe. Closing it kills the process if it still runs.
 */
public final class RunningProcess implements AutoCloseable {

  private static final Duration LINE_TIME_LIMIT = Duration.ofMinutes(2);

  private final List<String> command;
  private final Process process;
  private final Lines out;
  private final Lines err;

  RunningProcess(List<String> command, Process process) {
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
   * @throws AssertionError when the process ends first or {@code timeout} passes, with all it
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
              "the process did not print the line waited for"
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
   * Kills the process at once with SIGKILL (no shutdown hooks, no cleanup) and returns its exit
   * status (137 on Linux).
   */
  public int kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("the process did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    return process.exitValue();
  }

  /** Stops the process as Ctrl-C would (SIGTERM) and returns what it printed in all. */
  public ProcessResult stop(Duration timeout) {
    process.destroy();
    return awaitExit(timeout);
  }

  /** Waits for the process to end by itself; kills it and fails when it does not in time. */
  public ProcessResult awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        throw new AssertionError(
            "the process did not end within "
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

  /** One output stream of the process, read line by line as it comes. */
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
