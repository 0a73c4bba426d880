package org.keymail.cli;

import java.util.List;
import org.keymail.cli.server.ServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Where the libraries a command uses (database pool, migrations, HTTP) log. Without a word from
 * keymail, logging's default prints them on standard output, between a command's result and the
 * script reading it; so every command but {@code keymail server}, which logs as the server does (to
 * {@code DATA/keymail.log}), sends warnings and errors to standard error and nothing else.
 */
final class CommandLogging {

  /** Logback's system property naming its configuration, read when the first logger is made. */
  static final String CONFIGURATION_PROPERTY = "logback.configurationFile";

  private static final String COMMAND_CONFIGURATION = "org/keymail/cli/command-logging.xml";

  private CommandLogging() {}

  /** Chooses the logging of the command {@code parsed} names, before anything logs. */
  static void chooseFor(ParseResult parsed) {
    List<CommandLine> commands = parsed.asCommandLineList();
    boolean serving = commands.get(commands.size() - 1).getCommand() instanceof ServerCommand;
    if (!serving && System.getProperty(CONFIGURATION_PROPERTY) == null) {
      System.setProperty(CONFIGURATION_PROPERTY, COMMAND_CONFIGURATION);
    }
  }
}
