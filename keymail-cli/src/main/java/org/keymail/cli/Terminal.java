package org.keymail.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@code keymail} command talks to: standard input and output (bytes, since messages are not
 * text), standard error for people, and the environment (where a PKCS#12 password may come from).
 *
 * <p>{@link #system()} is the real one; tests build their own to capture output and to set the
 * environment without touching the process's.
 *
 * @param in standard input, read when a command's input file is {@code -}
 * @param out standard output: signed, encrypted or decrypted messages, verdict lines
 * @param err standard error: notes and errors for the person at the terminal
 * @param environment the environment variables the command may read
 * @param errShows whether a person watches standard error on a screen, where a progress line may
 *     redraw itself, or it goes to a file or pipe, where it would only be noise
 */
public record Terminal(
    InputStream in,
    PrintStream out,
    PrintStream err,
    Map<String, String> environment,
    ErrShows errShows) {

  /** Where standard error goes. */
  public enum ErrShows {
    /** A terminal: a person watches it. */
    ON_A_SCREEN,
    /** A file, a pipe or a test's buffer. */
    IN_A_FILE_OR_PIPE
  }

  public Terminal {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(errShows, "errShows");
    environment = Map.copyOf(environment);
  }

  /** Streams that are not a screen: what scripts and tests give a command. */
  public Terminal(
      InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {
    this(in, out, err, environment, ErrShows.IN_A_FILE_OR_PIPE);
  }

  /** The process's own standard streams and environment. */
  public static Terminal system() {
    return new Terminal(System.in, System.out, System.err, System.getenv(), whereErrGoes());
  }

  /**
   * Whether the process's standard error is a terminal. Java says so only of standard input and
   * output together ({@code System.console()}); on Linux, file descriptor 2 itself says where it
   * goes.
   */
  private static ErrShows whereErrGoes() {
    Path fd = Path.of("/proc/self/fd/2");
    try {
      if (Files.exists(fd, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
            ? ErrShows.ON_A_SCREEN
            : ErrShows.IN_A_FILE_OR_PIPE;
      }
    } catch (IOException | UnsupportedOperationException | SecurityException unknown) {
      return ErrShows.IN_A_FILE_OR_PIPE;
    }
    return System.console() != null ? ErrShows.ON_A_SCREEN : ErrShows.IN_A_FILE_OR_PIPE;
  }
}
