package org.keymail.cli;

import java.io.InputStream;
import java.io.PrintStream;
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
 */
public record Terminal(
    InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {

  public Terminal {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    environment = Map.copyOf(environment);
  }

  /** The process's own standard streams and environment. */
  public static Terminal system() {
    return new Terminal(System.in, System.out, System.err, System.getenv());
  }
}
