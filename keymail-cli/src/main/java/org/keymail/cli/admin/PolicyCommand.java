package org.keymail.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keymail admin policy}: the policies administrators set, such as session lengths. */
@Command(
    name = "policy",
    footerHeading = "%nExamples:%n",
    footer = {"  keymail admin policy list", "  keymail admin policy set session.idle-minutes 30"},
    description = "Policies such as the unlock session lengths: list, set.",
    subcommands = {PolicyListCommand.class, PolicySetCommand.class})
final class PolicyCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: list or set");
  }
}
