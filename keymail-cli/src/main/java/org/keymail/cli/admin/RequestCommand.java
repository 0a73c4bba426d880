package org.keymail.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keymail admin request}: users' certificate requests that wait for an administrator. */
@Command(
    name = "request",
    description = "Users' certificate requests: list, approve, deny.",
    subcommands = {RequestListCommand.class, RequestApproveCommand.class, RequestDenyCommand.class})
final class RequestCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: list, approve or deny");
  }
}
