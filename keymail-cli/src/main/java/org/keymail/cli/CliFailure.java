package org.keymail.cli;

/**
 * A failure of a {@code keymail} command that the user fixes in what they gave it: a file that
 * cannot be read, a wrong password, options that do not fit together. Its message is shown as is,
 * after {@code keymail: }, so it names the thing and says what is wrong.
 */
public final class CliFailure extends Exception {
  private static final long serialVersionUID = 1L;

  public CliFailure(String message) {
    super(message);
  }

  public CliFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
