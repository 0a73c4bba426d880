package org.keymail.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.keymail.authenticator.SoftwarePassKeyException;
import org.keymail.cli.client.NotUnlockedException;
import org.keymail.cli.client.ServerRefusal;
import org.keymail.cli.client.ServerUnreachableException;
import org.keymail.smime.SmimeException;
import org.keymail.vault.VaultException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure of a command into one line on standard error, {@code keymail: <message>}, and
 * the exit status {@link ExitCodes#ofFailure} gives it: people read the line, scripts read the
 * status. The stack trace is shown only with {@code --debug}.
 */
final class ErrorReport implements IExecutionExceptionHandler, IParameterExceptionHandler {

  static final String DEBUG_OPTION = "--debug";

  private final PrintStream err;

  ErrorReport(PrintStream err) {
    this.err = err;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    String help = ex.getCommandLine().getCommandSpec().qualifiedName() + " --help";
    report(ex.getMessage() + " (see '" + help + "')", ex, List.of(args));
    return ExitCodes.UNUSABLE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine command, ParseResult parsed) {
    report(messageOf(ex), ex, parsed.originalArgs());
    return ExitCodes.ofFailure(ex);
  }

  private void report(String message, Exception ex, List<String> args) {
    err.println("keymail: " + oneLine(message));
    if (args.contains(DEBUG_OPTION)) {
      ex.printStackTrace(err);
    }
    err.flush();
  }

  /** The message a person reads for {@code ex}: never a class name alone if it can be helped. */
  static String messageOf(Exception ex) {
    // The server's own sentence, when a vault key's refusal travelled out inside another failure.
    for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ServerRefusal
          || cause instanceof NotUnlockedException
          || cause instanceof ServerUnreachableException) {
        return cause.getMessage();
      }
    }
    return switch (ex) {
      case CliFailure f -> f.getMessage();
      case SmimeException s -> s.getMessage();
      // The server's refusals, the software PassKey's and the vault's (a stopped server's, for
      // 'keymail vault') are sentences for people.
      case ServerRefusal r -> r.getMessage();
      case NotUnlockedException n -> n.getMessage();
      case ServerUnreachableException u -> u.getMessage();
      case SoftwarePassKeyException p -> p.getMessage();
      case VaultException v -> v.getMessage();
      case NoSuchFileException n -> "cannot read " + n.getFile() + ": no such file";
      case AccessDeniedException a -> "cannot open " + a.getFile() + ": permission denied";
      case FileAlreadyExistsException e -> "cannot write " + e.getFile() + ": it already exists";
      case IOException io -> "input/output failed: " + describe(io);
      // Options that do not fit together (an algorithm for another key type, a cipher not sent).
      case IllegalArgumentException usage -> describe(usage);
      case IllegalStateException usage -> describe(usage);
      // Bouncy Castle throws unchecked exceptions on damaged input it parses.
      default -> "cannot read the input: " + describe(ex);
    };
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }

  private static String oneLine(String message) {
    // Messages may quote bytes of hostile input: no control character may reach the terminal.
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").replaceAll("\\p{Cntrl}", "?").strip();
  }
}
