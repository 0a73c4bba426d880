package org.keymail.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import org.keymail.cli.admin.AdminCommand;
import org.keymail.cli.ca.CaCommand;
import org.keymail.cli.cert.CertCommand;
import org.keymail.cli.demo.DemoCommand;
import org.keymail.cli.directory.DirectoryCommand;
import org.keymail.cli.passkey.PassKeyCommand;
import org.keymail.cli.server.ServerCommand;
import org.keymail.cli.smime.SmimeCommand;
import org.keymail.cli.unlock.LockCommand;
import org.keymail.cli.unlock.UnlockCommand;
import org.keymail.cli.vault.VaultCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code keymail} command line: the entry point of the {@code ./keymail} launcher.
 *
 * <p>{@link #commandLine(Terminal)} builds the whole command tree with keymail's error handling
 * (one line per error, exit statuses from {@link ExitCodes}); {@link #main} runs it on the
 * process's terminal and exits with its status.
 */
@Command(
    name = "keymail",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = KeymailVersion.class,
    description = "Passwordless secure e-mail: sign, encrypt, decrypt and verify S/MIME mail.",
    subcommands = {
      SmimeCommand.class,
      DemoCommand.class,
      ServerCommand.class,
      PassKeyCommand.class,
      UnlockCommand.class,
      LockCommand.class,
      CertCommand.class,
      AdminCommand.class,
      VaultCommand.class,
      CaCommand.class,
      DirectoryCommand.class
    },
    footer = {
      "",
      "Exit status: 0 done (verify: valid and trusted), 2 unusable input or usage error, 3 valid"
          + " but untrusted signature, 4 invalid signature or broken audit log, 5 PassKey locked, 6 wrong access code,"
          + " 7 not unlocked (run 'keymail unlock'), 8 server unreachable, untrusted or failing.",
      "",
      "Environment: KEYMAIL_HOME is the folder of your PassKey, session, known servers and last"
          + " server (default: $HOME/.keymail); KEYMAIL_SERVER the server to use (default: the last"
          + " that answered, else https://localhost:8443)."
    })
public final class Keymail implements Runnable {

  @Spec private CommandSpec spec;

  @Option(
      names = ErrorReport.DEBUG_OPTION,
      scope = ScopeType.INHERIT,
      description = "Show the full stack trace of an error.")
  private boolean debug;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: server, passkey, unlock, lock, cert, ca, directory, admin, vault, smime or demo");
  }

  /** Runs keymail with {@code args} on the process's terminal and exits with its status. */
  public static void main(String[] args) {
    System.exit(commandLine(Terminal.system()).execute(args));
  }

  /** The whole {@code keymail} command tree, talking to {@code terminal}. */
  public static CommandLine commandLine(Terminal terminal) {
    CommandLine commandLine = new CommandLine(Keymail.class, new TerminalFactory(terminal));
    Charset charset = terminal.out().charset();
    commandLine.setOut(new PrintWriter(new OutputStreamWriter(terminal.out(), charset), true));
    commandLine.setErr(
        new PrintWriter(new OutputStreamWriter(terminal.err(), terminal.err().charset()), true));
    ErrorReport errors = new ErrorReport(terminal.err());
    commandLine.setExecutionExceptionHandler(errors);
    commandLine.setParameterExceptionHandler(errors);
    return commandLine;
  }
}
