package org.keymail.cli.support;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keymail support}: the group of the support commands. */
@Command(
    name = "support",
    footerHeading = "%nExamples:%n",
    footer = {"  keymail support report --message \"Signing fails since this morning\""},
    description = "Contact your organisation's service desk: report.",
    subcommands = {SupportReportCommand.class})
public final class SupportCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: report");
  }
}
