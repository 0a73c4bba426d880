package org.keymail.cli.demo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Keymail;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.AccessCodeInput;
import org.keymail.cli.client.KeymailHome;
import org.keymail.cli.client.ServerAccess;

/**
 * One demo person running {@code keymail} commands, in this process: the same commands a person
 * types, with their own {@code KEYMAIL_HOME} (so the PassKey, session and pinned CA stay theirs and
 * the commands printed at the end work on them), the demo server, and their access code in the
 * command's environment (never an argument, never a file).
 */
final class PersonAtTerminal {

  private final DemoPerson person;
  private final Map<String, String> environment = new HashMap<>();

  PersonAtTerminal(DemoPerson person, Path home, URI server, DemoAccessCode accessCode) {
    this.person = person;
    environment.put(KeymailHome.ENVIRONMENT_VARIABLE, home.toString());
    environment.put(ServerAccess.SERVER_VARIABLE, server.toString());
    environment.put(AccessCodeInput.ENVIRONMENT_VARIABLE, accessCode.reveal());
  }

  DemoPerson person() {
    return person;
  }

  /**
   * Runs {@code keymail args...} and returns what it printed on standard output.
   *
   * @throws CliFailure when the command failed, with its own one-line error
   */
  String run(String... args) throws CliFailure {
    return withInput("", args);
  }

  /** As {@link #run}, with {@code input} on the command's standard input. */
  String withInput(String input, String... args) throws CliFailure {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal terminal =
        new Terminal(
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            environment);
    int status = Keymail.commandLine(terminal, args).execute(args);
    if (status != ExitCodes.OK) {
      String error = err.toString(StandardCharsets.UTF_8).strip();
      throw new CliFailure(
          "the demo could not set up its organisation: "
              + person.name()
              + "'s 'keymail "
              + String.join(" ", List.of(args))
              + "' ended with status "
              + status
              + (error.isEmpty() ? "" : ": " + error.replaceFirst("^keymail: ", "")));
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
