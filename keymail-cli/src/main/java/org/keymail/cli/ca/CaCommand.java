package org.keymail.cli.ca;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keymail ca}: the organisation's certificate authority, as anyone may fetch it. */
@Command(
    name = "ca",
    footerHeading = "%nExamples:%n",
    footer = {"  keymail ca root > root.pem", "  keymail ca chain > chain.pem"},
    description =
        "The organisation's certificate authority: its root and chain, for relying parties.",
    subcommands = {CaRootCommand.class, CaChainCommand.class})
public final class CaCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: root");
  }
}
