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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The tree {@link Keymail#main} builds holds only the command named on the command line; these
 * tests hold it to the whole tree: the same help for every command, the same errors.
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
    collect(Keymail.commandLine(terminal()), "", paths, command -> !command.getSubcommands().isEmpty());
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
  @MethodSource("groups")
  void versionIsTheSameAsWithTheWholeTree(String command) {
    String[] args = args(command + " --version");

    assertThat(runLazy(args)).isEqualTo(runWhole(args));
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
