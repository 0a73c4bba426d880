package org.keymail.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keymail admin request}: users' certificate requests that wait for an administrator. */
@Command(
    name = "request",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail admin request list --status pending",
      "  keymail admin request approve 7b1d4e22-…",
      "  keymail admin request deny 7b1d4e22-… \\",
      "      --reason \"Logon certificates are for staff with a card reader\""
    },
    description = "Users' certificate requests: list, approve, deny.",
    subcommands = {RequestListCommand.class, RequestApproveCommand.class, RequestDenyCommand.class})
final class RequestCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: list, approve or deny");
  }
}
