package org.keymail.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keymail admin key}: users' vault keys, as administrators handle them. */
@Command(
    name = "key",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail admin key delete 3f0c2a1e-… --user bob@example.org \\",
      "      --reason \"laptop stolen\""
    },
    description = "Users' vault keys.",
    subcommands = {KeyDeleteCommand.class})
final class KeyCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: delete");
  }
}
