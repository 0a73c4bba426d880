package org.keymail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Every command of the whole tree, those added later included, says what it does and shows how it
 * is used: a description, and an Examples section whose lines run that very command; and {@code
 * keymail help COMMAND} prints the same usage as {@code keymail COMMAND --help}.
 */
class UsageExamplesTest {

  /** Every command path of the whole tree ("", "mail", "mail read", "admin user list", …). */
  static Stream<String> commands() {
    List<String> paths = new ArrayList<>();
    collect(Keymail.commandLine(quietTerminal()), "", paths);
    return paths.stream();
  }

  private static void collect(CommandLine command, String path, List<String> paths) {
    paths.add(path);
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      collect(sub.getValue(), (path + " " + sub.getKey()).strip(), paths);
    }
  }

  @Test
  void theWalkReachesEveryCommand() {
    assertThat(commands().toList())
        .contains("", "help", "completion", "contacts add-from", "admin user unlock")
        .hasSizeGreaterThan(60);
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandHasADescriptionAndExamplesOfItself(String path) {
    UsageMessageSpec usage = commandAt(path).getCommandSpec().usageMessage();

    assertThat(String.join(" ", usage.description())).as("description of '%s'", path).isNotBlank();
    assertThat(usage.footerHeading()).as("footer heading of '%s'", path).contains("Examples:");
    // Examples are the footer's indented lines; at least one of them runs this command (one
    // inherited from keymail's own footer would not).
    String command = ("keymail " + path).strip() + " ";
    assertThat(examples(usage.footer()))
        .as("examples of '%s'", path)
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(3)
        .anyMatch(example -> (example + " ").contains(command));
    // Each line fits the usage width, so picocli never breaks a command line in the middle.
    assertThat(Arrays.stream(usage.footer()).filter(line -> line.startsWith("  ")))
        .as("example lines of '%s'", path)
        .allMatch(line -> line.length() <= usage.width());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpCommandPrintsTheCommandsUsageWithItsExamples(String path) {
    if (path.isEmpty()) {
      return;
    }
    CliRun.Result viaHelp = CliRun.keymail().run(args("help " + path));
    CliRun.Result viaOption = CliRun.keymail().run(args(path + " --help"));

    assertThat(viaHelp.exitCode()).as(viaHelp.stderr()).isZero();
    assertThat(viaHelp.out()).isEqualTo(viaOption.out()).contains("\nExamples:\n  ");
  }

  @Test
  void helpAloneListsTheCommands() {
    CliRun.Result help = CliRun.keymail().run("help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .startsWith("Usage: keymail ")
        .contains("\n  contacts ")
        .contains("\n  help ")
        .contains("\n  completion ")
        .contains("\nExamples:\n  keymail unlock\n");
  }

  @Test
  void helpOfAnUnknownCommandSaysSo() {
    CliRun.Result help = CliRun.keymail().run("help", "no-such-command");
    CliRun.Result deeper = CliRun.keymail().run("help", "mail", "lsit");

    assertThat(help.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
    assertThat(help.stderr())
        .isEqualTo(
            "keymail: there is no command 'keymail no-such-command' (see 'keymail help --help')\n");
    assertThat(deeper.stderr()).startsWith("keymail: there is no command 'keymail mail lsit' ");
  }

  /**
   * The examples of a footer: each line indented by two spaces, with the lines that continue it
   * (after a trailing backslash, indented further), joined.
   */
  private static List<String> examples(String[] footer) {
    List<String> examples = new ArrayList<>();
    boolean continues = false;
    for (String line : footer) {
      if (continues) {
        int last = examples.size() - 1;
        examples.set(last, examples.get(last) + " " + line.strip());
      } else if (line.startsWith("  ") && !line.startsWith("   ")) {
        examples.add(line.strip());
      } else {
        continue;
      }
      continues = line.endsWith(" \\");
      if (continues) {
        int last = examples.size() - 1;
        String example = examples.get(last);
        examples.set(last, example.substring(0, example.length() - 2));
      }
    }
    return examples;
  }

  private static CommandLine commandAt(String path) {
    CommandLine command = Keymail.commandLine(quietTerminal());
    for (String word : args(path)) {
      if (!word.isEmpty()) {
        command = command.getSubcommands().get(word);
      }
    }
    return command;
  }

  private static String[] args(String line) {
    return line.strip().split(" +");
  }

  private static Terminal quietTerminal() {
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    return new Terminal(new ByteArrayInputStream(new byte[0]), nowhere, nowhere, Map.of());
  }
}
