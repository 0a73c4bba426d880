package org.keymail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.keymail.cli.cert.CertCommand;
import org.keymail.cli.smime.SmimeCommand;
import picocli.CommandLine;

/**
 * The tree {@link Keymail#main} builds holds only the command named on the command line, the groups
 * on the way to it standing in by name; these tests hold it to the whole tree: the same help for
 * every command, the same errors.
 */
class CommandTreeTest {

  private record Printed(int exitCode, String out, String err) {}

  /** Every command path of the whole tree ("smime verify", "admin trust list", …) and none. */
  static Stream<String> commands() {
    List<String> paths = new ArrayList<>();
    collect(Keymail.commandLine(terminal()), "", paths, command -> true);
    return paths.stream();
  }

  /** The paths of the commands that have commands of their own ("", "admin", "admin trust", …). */
  static Stream<String> groups() {
    List<String> paths = new ArrayList<>();
    collect(
        Keymail.commandLine(terminal()), "", paths, command -> !command.getSubcommands().isEmpty());
    return paths.stream();
  }

  private static void collect(
      CommandLine command, String path, List<String> paths, Predicate<CommandLine> wanted) {
    if (wanted.test(command)) {
      paths.add(path);
    }
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      collect(sub.getValue(), (path + " " + sub.getKey()).strip(), paths, wanted);
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpIsTheSameAsWithTheWholeTree(String command) {
    String[] args = args(command + " --help");

    assertThat(runLazy(args)).isEqualTo(runWhole(args));
  }

  @ParameterizedTest
  @MethodSource("groups")
  void anUnknownCommandGetsTheSameMessage(String command) {
    String[] args = args(command + " no-such-command");

    Printed lazy = runLazy(args);
    assertThat(lazy).isEqualTo(runWhole(args));
    assertThat(lazy.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
  }

  @ParameterizedTest
  @MethodSource("commands")
  void anUnknownOptionGetsTheSameMessage(String command) {
    String[] args = args(command + " --no-such-option");

    Printed lazy = runLazy(args);
    assertThat(lazy).isEqualTo(runWhole(args));
    assertThat(lazy.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
  }

  @ParameterizedTest
  @MethodSource("groups")
  void helpBeforeACommandIsTheGroupsHelp(String group) {
    String first = commandAt(group).getSubcommands().keySet().iterator().next();
    String[] args = args(group + " --help " + first);

    assertThat(runLazy(args)).isEqualTo(runWhole(args));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void debugBetweenTheCommandsIsTheSame(String command) {
    String[] args = args(command.replace(" ", " --debug ") + " --debug --help");

    assertThat(runLazy(args)).isEqualTo(runWhole(args));
  }

  @Test
  void onlyTheNamedCommandIsBuilt() {
    CommandLine tree = Keymail.commandLine(terminal(), "smime", "verify", "mail.eml");

    CommandLine smime = tree.getSubcommands().get("smime");
    assertThat(className(smime)).isNotEqualTo(SmimeCommand.class.getSimpleName());
    assertThat(className(smime.getSubcommands().get("verify"))).isEqualTo("VerifyCommand");
    assertThat(className(smime.getSubcommands().get("sign"))).isNotEqualTo("SignCommand");
    assertThat(className(tree.getSubcommands().get("cert")))
        .isNotEqualTo(CertCommand.class.getSimpleName());
  }

  /** The simple name of the class of {@code command}'s object, "" for a stand-in (none). */
  private static String className(CommandLine command) {
    Object object = command.getCommand();
    return object == null ? "" : object.getClass().getSimpleName();
  }

  @ParameterizedTest
  @MethodSource("groups")
  void versionIsTheSameAsWithTheWholeTree(String command) {
    String[] args = args(command + " --version");

    assertThat(runLazy(args)).isEqualTo(runWhole(args));
  }

  /** The command of the whole tree at {@code path} ("admin trust"; "" for keymail itself). */
  private static CommandLine commandAt(String path) {
    CommandLine command = Keymail.commandLine(terminal());
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

  private static Printed runLazy(String[] args) {
    return run(args, true);
  }

  private static Printed runWhole(String[] args) {
    return run(args, false);
  }

  private static Printed run(String[] args, boolean lazy) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal terminal =
        new Terminal(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of());
    CommandLine tree = lazy ? Keymail.commandLine(terminal, args) : Keymail.commandLine(terminal);
    int exitCode = tree.execute(args);
    return new Printed(
        exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Terminal terminal() {
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    return new Terminal(new ByteArrayInputStream(new byte[0]), nowhere, nowhere, Map.of());
  }
}
