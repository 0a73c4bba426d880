package org.keymail.cli.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;

/**
 * The completion script of {@code keymail completion} in a real bash: it parses, sourcing it
 * defines keymail's completion, and Tab completes a command, a subcommand and an option.
 */
class CompletionScriptTest {

  @TempDir Path folder;

  @Test
  void theBashScriptParses() throws Exception {
    Path script = script("bash");

    Bash parsed = bash("-n", script.toString());

    assertThat(parsed.exitCode()).as(parsed.output()).isZero();
  }

  @Test
  void sourcingItCompletesKeymailsCommandsAndOptions() throws Exception {
    Path script = script("bash");

    Bash completed =
        bash(
            "-c",
            "source \"$1\" && complete -p keymail"
                + " && complete_line() { COMP_LINE=\"$1\"; COMP_POINT=${#COMP_LINE};"
                + " read -r -a COMP_WORDS <<< \"$1\"; COMP_CWORD=$((${#COMP_WORDS[@]} - 1));"
                + " COMPREPLY=(); _complete_keymail; echo \"$1 => ${COMPREPLY[*]}\"; }"
                + " && complete_line 'keymail conta'"
                + " && complete_line 'keymail contacts add'"
                + " && complete_line 'keymail contacts list --js'",
            "keymail-test",
            script.toString());

    assertThat(completed.exitCode()).as(completed.output()).isZero();
    assertThat(completed.output())
        .contains("complete -o default -F _complete_keymail keymail")
        .contains("keymail conta => contacts\n")
        .contains("keymail contacts add => add-from\n")
        .contains("keymail contacts list --js => --json\n");
  }

  @Test
  void zshGetsTheBashScriptAfterBashcompinit() {
    String zsh = CliRun.keymail().run("completion", "zsh").out();
    String bash = CliRun.keymail().run("completion").out();

    assertThat(zsh).isEqualTo(CompletionCommand.ZSH_PRELUDE + bash);
    assertThat(bash).isEqualTo(CliRun.keymail().run("completion", "bash").out());
  }

  private Path script(String shell) throws IOException {
    CliRun.Result printed = CliRun.keymail().run("completion", shell);
    assertThat(printed.exitCode()).as(printed.stderr()).isZero();
    return Files.write(folder.resolve("keymail." + shell), printed.stdout());
  }

  private record Bash(int exitCode, String output) {}

  private Bash bash(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash", "--norc", "--noprofile"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Bash(process.exitValue(), output);
  }
}
