package org.keymail.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.keymail.cli.admin.AdminCommand;
import org.keymail.cli.agent.AgentCommand;
import org.keymail.cli.bridge.BridgeCommand;
import org.keymail.cli.ca.CaCommand;
import org.keymail.cli.cert.CertCommand;
import org.keymail.cli.completion.CompletionCommand;
import org.keymail.cli.contacts.ContactsCommand;
import org.keymail.cli.demo.DemoCommand;
import org.keymail.cli.directory.DirectoryCommand;
import org.keymail.cli.help.HelpCommand;
import org.keymail.cli.mail.MailCommand;
import org.keymail.cli.passkey.PassKeyCommand;
import org.keymail.cli.server.ServerCommand;
import org.keymail.cli.smime.SmimeCommand;
import org.keymail.cli.support.SupportCommand;
import org.keymail.cli.unlock.LockCommand;
import org.keymail.cli.unlock.UnlockCommand;
import org.keymail.cli.vault.VaultCommand;
import org.keymail.smime.internal.CryptoProviders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code keymail} command line: the entry point of the {@code ./keymail} launcher.
 *
 * <p>{@link #commandLine(Terminal, String...)} builds the command tree with keymail's error
 * handling (one line per error, exit statuses from {@link ExitCodes}); {@link #main} runs it on the
 * process's terminal and exits with its status.
 *
 * <p>The tree holds only the command the arguments name: picocli reads the annotations of every
 * command and option it is given, and for all of keymail's commands that took longer than the rest
 * of {@code keymail --help}. The other commands, and the groups on the way to the named one, stand
 * in it by name and description only, so help, errors and suggestions read the same. {@link
 * #COMMANDS} lists them in help order.
 */
@Command(
    name = "keymail",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = KeymailVersion.class,
    description = "Passwordless secure e-mail: sign, encrypt, decrypt and verify S/MIME mail.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail unlock",
      "  keymail mail list",
      "  keymail help contacts add-from",
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

  /** keymail's commands, in the order {@code keymail --help} lists them. */
  static final List<Class<?>> COMMANDS =
      List.of(
          MailCommand.class,
          BridgeCommand.class,
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
          DirectoryCommand.class,
          ContactsCommand.class,
          SupportCommand.class,
          AgentCommand.class,
          HelpCommand.class,
          CompletionCommand.class);

  /**
   * The commands that need the whole tree, whatever follows them: {@code help} prints the usage of
   * the command it names, {@code completion} every command and option.
   */
  private static final Set<String> ABOUT_THE_WHOLE_TREE = Set.of("help", "completion");

  @Spec private CommandSpec spec;

  @Option(
      names = ErrorReport.DEBUG_OPTION,
      scope = ScopeType.INHERIT,
      description = "Show the full stack trace of an error.")
  private boolean debug;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "name a command: mail, server, passkey, unlock, lock, cert, ca, directory, contacts, support,"
            + " agent, admin, vault, smime or demo");
  }

  /** Runs keymail with {@code args} on the process's terminal and exits with its status. */
  public static void main(String[] args) {
    CommandLine keymail = commandLine(Terminal.system(), args);
    keymail.setExecutionStrategy(
        parsed -> {
          if (!serving(parsed)) {
            CommandLogging.toStandardError();
            keepPrivateKeysInJdkProviders();
          }
          return new CommandLine.RunLast().execute(parsed);
        });
    System.exit(keymail.execute(args));
  }

  /**
   * A command of this process does at most a few private-key operations, which the JDK's providers
   * do in about a millisecond each; loading Amazon Corretto Crypto Provider (its native library and
   * self-tests) costs about a second of CPU. Only {@code keymail server} does enough of them to win
   * it back.
   */
  private static void keepPrivateKeysInJdkProviders() {
    System.setProperty(CryptoProviders.JDK_ONLY_PROPERTY, "true");
  }

  /**
   * Whether {@code parsed} names {@code keymail server} or {@code keymail demo}, which run the
   * server in this process: it logs and signs as the server does.
   */
  private static boolean serving(ParseResult parsed) {
    List<CommandLine> commands = parsed.asCommandLineList();
    Object command = commands.get(commands.size() - 1).getCommand();
    return command instanceof ServerCommand || command instanceof DemoCommand;
  }

  /** The whole {@code keymail} command tree, talking to {@code terminal}. */
  public static CommandLine commandLine(Terminal terminal) {
    TerminalFactory factory = new TerminalFactory(terminal);
    CommandLine keymail = new CommandLine(Keymail.class, factory);
    for (Class<?> type : COMMANDS) {
      keymail.addSubcommand(new CommandLine(type, factory));
    }
    return withErrorHandling(keymail, terminal);
  }

  /**
   * The {@code keymail} command tree for running {@code args}, talking to {@code terminal}: the
   * command they name is complete, the groups on the way to it ({@code smime} of {@code smime
   * verify}) and all other commands are there by name and description. Arguments that name no
   * command (a typing error, an {@code @file}) get the whole tree, for picocli's messages.
   */
  public static CommandLine commandLine(Terminal terminal, String... args) {
    Optional<List<String>> path = commandPath(args);
    if (path.isEmpty()) {
      return commandLine(terminal);
    }
    TerminalFactory factory = new TerminalFactory(terminal);
    CommandLine keymail = new CommandLine(Keymail.class, factory);
    addCommands(keymail, COMMANDS, path.get(), factory);
    return withErrorHandling(keymail, terminal);
  }

  /**
   * Adds {@code types} to {@code parent}: the command {@code path} names first is complete when the
   * path ends there, else it stands in by name with the rest of the path below it; the others stand
   * in by name.
   */
  private static void addCommands(
      CommandLine parent, List<Class<?>> types, List<String> path, TerminalFactory factory) {
    for (Class<?> type : types) {
      Command command = type.getAnnotation(Command.class);
      if (path.isEmpty() || !matches(command, path.get(0))) {
        parent.addSubcommand(command.name(), new CommandLine(standIn(command)));
      } else if (path.size() == 1) {
        parent.addSubcommand(new CommandLine(type, factory));
      } else {
        // Its commands first, as picocli builds a group: adding it passes on what it inherits.
        CommandLine group = new CommandLine(standIn(command));
        addCommands(group, List.of(command.subcommands()), path.subList(1, path.size()), factory);
        parent.addSubcommand(command.name(), group);
      }
    }
  }

  private static CommandLine withErrorHandling(CommandLine keymail, Terminal terminal) {
    Charset charset = terminal.out().charset();
    keymail.setOut(new PrintWriter(new OutputStreamWriter(terminal.out(), charset), true));
    keymail.setErr(
        new PrintWriter(new OutputStreamWriter(terminal.err(), terminal.err().charset()), true));
    ErrorReport errors = new ErrorReport(terminal.err());
    keymail.setExecutionExceptionHandler(errors);
    keymail.setParameterExceptionHandler(errors);
    return keymail;
  }

  /**
   * The commands {@code args} name, outermost first ({@code smime}, {@code verify}), as far as they
   * are keymail's; empty when the first word is not one of keymail's commands. Groups take no
   * options but {@code --debug}: any other (help, version, a mistake) is about the group, so the
   * path ends there and the group is built whole.
   */
  private static Optional<List<String>> commandPath(String[] args) {
    List<String> path = new ArrayList<>();
    List<Class<?>> commands = COMMANDS;
    for (String arg : args) {
      if (arg.startsWith("-")) {
        if (path.isEmpty() || arg.equals(ErrorReport.DEBUG_OPTION)) {
          continue;
        }
        break;
      }
      Optional<Command> named =
          commands.stream()
              .map(type -> type.getAnnotation(Command.class))
              .filter(command -> matches(command, arg))
              .findFirst();
      if (named.isEmpty() || (path.isEmpty() && ABOUT_THE_WHOLE_TREE.contains(arg))) {
        if (path.isEmpty()) {
          return Optional.empty();
        }
        break; // a parameter of the command named so far, or a mistake picocli reports
      }
      path.add(arg);
      commands = List.of(named.get().subcommands());
    }
    return Optional.of(path);
  }

  private static boolean matches(Command command, String name) {
    return command.name().equals(name) || Arrays.asList(command.aliases()).contains(name);
  }

  /** A command that is not run here, only listed in help and matched by name. */
  private static CommandSpec standIn(Command command) {
    CommandSpec standIn = CommandSpec.create().name(command.name()).aliases(command.aliases());
    standIn
        .usageMessage()
        .header(command.header())
        .description(command.description())
        .hidden(command.hidden());
    return standIn;
  }
}
