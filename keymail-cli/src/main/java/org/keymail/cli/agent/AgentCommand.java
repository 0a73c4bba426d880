package org.keymail.cli.agent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keymail agent}: a process that stays and keeps the connections to the keymail server open,
 * so that each command answers in about the time Java takes to start.
 */
@Command(
    name = "agent",
    description =
        "Keep a process that holds the connection to the keymail server, so commands answer at"
            + " once. It holds no secret and stops by itself when unused.",
    footerHeading = "%nExamples:%n",
    footer = {"  keymail agent start", "  keymail agent status", "  keymail agent stop"},
    subcommands = {
      AgentStartCommand.class,
      AgentStatusCommand.class,
      AgentStopCommand.class,
      AgentRunCommand.class
    })
public final class AgentCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: start, status, stop or run");
  }
}
