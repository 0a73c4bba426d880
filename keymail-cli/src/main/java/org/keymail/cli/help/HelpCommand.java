package org.keymail.cli.help;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail help [COMMAND...]}: the usage of any command, the same as {@code keymail COMMAND
 * --help}, named by its whole path ({@code keymail help admin user unlock}); without a command,
 * keymail's own. picocli's {@code HelpCommand} takes one word only, and keymail's commands are
 * nested up to three deep.
 */
@Command(
    name = "help",
    helpCommand = true,
    description =
        "Show how to use a command, with examples: the same as 'keymail COMMAND --help'. Without a"
            + " command, the list of keymail's commands.",
    footerHeading = "%nExamples:%n",
    footer = {"  keymail help mail send", "  keymail help admin user unlock"})
public final class HelpCommand implements IHelpCommandInitializable2, Runnable {

  @Parameters(
      paramLabel = "COMMAND",
      arity = "0..*",
      description = "The command and its subcommands, e.g. contacts add-from.")
  private List<String> path = new ArrayList<>();

  private CommandLine self;
  private Help.ColorScheme colors;
  private PrintWriter out;

  @Override
  public void init(
      CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
    this.self = helpCommandLine;
    this.colors = colorScheme;
    this.out = out;
  }

  @Override
  public void run() {
    // A help command is a help request, so picocli leaves a mistyped option unmatched, unreported.
    if (!self.getUnmatchedArguments().isEmpty()) {
      throw new ParameterException(
          self, "Unknown option: '" + self.getUnmatchedArguments().get(0) + "'");
    }
    CommandLine command = self.getParent();
    List<String> named = new ArrayList<>();
    for (String word : path) {
      named.add(word);
      CommandLine sub = command.getSubcommands().get(word);
      if (sub == null) {
        throw new ParameterException(
            self, "there is no command 'keymail " + String.join(" ", named) + "'");
      }
      command = sub;
    }
    command.usage(out, colors);
    out.flush();
  }
}
