package org.keymail.cli.directory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keymail directory}: the organisation's global address list — coworkers with e-mail
 * certificates from the organisation's CA, so anyone can encrypt to them without an exchange.
 */
@Command(
    name = "directory",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail directory search bob",
      "  keymail directory search bob@example.org --pem > bob.pem"
    },
    description = "The organisation's address list with e-mail certificates: search.",
    subcommands = {DirectorySearchCommand.class})
public final class DirectoryCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: search");
  }
}
