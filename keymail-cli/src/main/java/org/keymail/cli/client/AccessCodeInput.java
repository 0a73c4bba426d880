package org.keymail.cli.client;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.keymail.cli.CliFailure;
import org.keymail.cli.Terminal;
import picocli.CommandLine.Option;

/**
 * Where the access code comes from, never from a command-line argument (other users can read the
 * process list): {@code --access-code-file F} (first line), {@code --access-code-fd N} (first line
 * of that open file descriptor; 0 is standard input), the environment variable {@value
 * #ENVIRONMENT_VARIABLE}, else the terminal, without echo. Callers wipe the returned array.
 */
public final class AccessCodeInput {

  /** The environment variable a script may put the access code in. */
  public static final String ENVIRONMENT_VARIABLE = "KEYMAIL_ACCESS_CODE";

  @Option(
      names = "--access-code-file",
      paramLabel = "FILE",
      description = "Read the access code from the first line of FILE (for scripts).")
  private Path file;

  @Option(
      names = "--access-code-fd",
      paramLabel = "N",
      description =
          "Read the access code from the first line of file descriptor N (0: standard input).")
  private Integer descriptor;

  /** False for a command without the two options: only the environment variable or the terminal. */
  private final boolean options;

  /**
   * As a command's mixin: {@code --access-code-file}, {@code --access-code-fd}, the environment.
   */
  public AccessCodeInput() {
    this(true);
  }

  private AccessCodeInput(boolean options) {
    this.options = options;
  }

  /**
   * For a command that takes neither option (the administrators' commands): the access code from
   * {@value #ENVIRONMENT_VARIABLE}, else the terminal.
   */
  static AccessCodeInput environmentOrTerminal() {
    return new AccessCodeInput(false);
  }

  /** How a script gives this command the access code, as a hint names them. */
  String ways() {
    return options
        ? ENVIRONMENT_VARIABLE + ", --access-code-file, --access-code-fd"
        : ENVIRONMENT_VARIABLE;
  }

  /** The access code of the PassKey, asked once on the terminal. */
  public char[] existing(Terminal terminal) throws CliFailure {
    Optional<char[]> given = given(terminal);
    return given.isPresent() ? given.get() : ask("Access code: ");
  }

  /**
   * The access code when one can be had: given by a script, or typed at the terminal; either way
   * {@code why} is shown first. Empty when there is neither (a script that gave none).
   */
  public Optional<char[]> ifAvailable(Terminal terminal, String why) throws CliFailure {
    Optional<char[]> given = given(terminal);
    if (given.isPresent()) {
      terminal.err().println("keymail: " + why + "; unlocking with the access code given");
      return given;
    }
    if (System.console() == null) {
      return Optional.empty();
    }
    terminal.err().println("keymail: " + why + "; present your PassKey's access code to unlock");
    return Optional.of(ask("Access code: "));
  }

  /**
   * A new access code: from the script's source as is, or typed twice on the terminal, which must
   * agree.
   */
  public char[] chosen(Terminal terminal) throws CliFailure {
    Optional<char[]> given = given(terminal);
    if (given.isPresent()) {
      return given.get();
    }
    char[] first = ask("New access code (at least 6 characters, case-sensitive): ");
    char[] again = ask("The same access code again: ");
    try {
      if (!Arrays.equals(first, again)) {
        Arrays.fill(first, '\0');
        throw new CliFailure("the two access codes differ; nothing was changed, try again");
      }
      return first;
    } finally {
      Arrays.fill(again, '\0');
    }
  }

  private Optional<char[]> given(Terminal terminal) throws CliFailure {
    if (file != null) {
      try (InputStream in = Files.newInputStream(file)) {
        return Optional.of(firstLine(in, "the access code file " + file));
      } catch (IOException e) {
        throw new CliFailure("cannot read the access code file " + file + ": " + e.getMessage(), e);
      }
    }
    if (descriptor != null) {
      if (descriptor == 0) {
        return Optional.of(firstLine(terminal.in(), "standard input"));
      }
      Path fd = Path.of("/dev/fd/" + descriptor);
      try (InputStream in = Files.newInputStream(fd)) {
        return Optional.of(firstLine(in, "file descriptor " + descriptor));
      } catch (IOException e) {
        throw new CliFailure(
            "cannot read the access code from file descriptor "
                + descriptor
                + ": "
                + e.getMessage(),
            e);
      }
    }
    String fromEnvironment = terminal.environment().get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
      return Optional.of(fromEnvironment.toCharArray());
    }
    return Optional.empty();
  }

  private static char[] ask(String prompt) throws CliFailure {
    Console console = System.console();
    if (console == null) {
      throw new CliFailure(
          "no terminal to ask for the access code: set "
              + ENVIRONMENT_VARIABLE
              + " or give --access-code-file FILE or --access-code-fd N");
    }
    char[] typed = console.readPassword("%s", prompt);
    if (typed == null || typed.length == 0) {
      throw new CliFailure("no access code was typed");
    }
    return typed;
  }

  private static char[] firstLine(InputStream in, String source) throws CliFailure {
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line = reader.readLine();
      if (line == null || line.isEmpty()) {
        throw new CliFailure(source + " holds no access code");
      }
      return line.toCharArray();
    } catch (IOException e) {
      throw new CliFailure("cannot read the access code from " + source + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "AccessCodeInput[redacted]";
  }
}
