package org.keymail.cli.completion;

import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keymail completion [bash|zsh]}: prints the shell completion script picocli generates from
 * keymail's whole command tree, so every command, subcommand and option completes with Tab,
 * including commands added later, without a script kept by hand. zsh runs the bash script through
 * its {@code bashcompinit}.
 */
@Command(
    name = "completion",
    description = {
      "Print the shell completion script for keymail's commands and options (bash, or zsh through"
          + " its bash compatibility). Load it in your shell's start file (~/.bashrc: source"
          + " ~/.keymail-completion.bash); the command to"
          + " complete is 'keymail', so put the launcher on your PATH (or link it there).",
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail completion bash > ~/.keymail-completion.bash",
      "  source <(keymail completion bash)",
      "  keymail completion zsh > ~/.keymail-completion.zsh"
    })
public final class CompletionCommand implements Callable<Integer> {

  /** The shells keymail writes a completion script for. */
  enum Shell {
    bash,
    zsh
  }

  /** What zsh needs before it can run a bash completion script. */
  static final String ZSH_PRELUDE =
      "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n";

  private final Terminal terminal;

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SHELL",
      description = "bash (the default) or zsh.")
  private Shell shell = Shell.bash;

  CompletionCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    String script = AutoComplete.bash("keymail", spec.root().commandLine());
    terminal.out().print(shell == Shell.zsh ? ZSH_PRELUDE + script : script);
    terminal.out().flush();
    return ExitCodes.OK;
  }
}
