package org.keymail.cli;

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

  /** Sends the libraries' warnings and errors to standard error, before anything logs. */
  static void toStandardError() {
    if (System.getProperty(CONFIGURATION_PROPERTY) == null) {
      System.setProperty(CONFIGURATION_PROPERTY, COMMAND_CONFIGURATION);
    }
  }
}
