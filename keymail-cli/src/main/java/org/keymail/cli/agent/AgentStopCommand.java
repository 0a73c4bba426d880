package org.keymail.cli.agent;

import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.Agent;
import org.keymail.cli.client.KeymailHome;
import picocli.CommandLine.Command;

/** {@code keymail agent stop}: stops the agent; commands then connect to the server themselves. */
@Command(
    name = "stop",
    description = "Stop the agent; commands then connect to the server themselves.",
    footerHeading = "%nExamples:%n",
    footer = {"  keymail agent stop"})
final class AgentStopCommand implements Callable<Integer> {

  private final Terminal terminal;

  AgentStopCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    terminal
        .out()
        .println(
            Agent.stop(KeymailHome.of(terminal))
                .map(done -> "keymail agent " + done)
                .orElse("no keymail agent is running"));
    return ExitCodes.OK;
  }
}
