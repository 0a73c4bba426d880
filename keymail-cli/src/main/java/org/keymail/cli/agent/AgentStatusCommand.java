package org.keymail.cli.agent;

import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.Agent;
import org.keymail.cli.client.KeymailHome;
import picocli.CommandLine.Command;

/** {@code keymail agent status}: whether an agent runs, since when, and what it did. */
@Command(
    name = "status",
    description =
        "Say whether the agent runs: its process, since when, how many requests it passed on and"
            + " to which servers.",
    footerHeading = "%nExamples:%n",
    footer = {"  keymail agent status"})
final class AgentStatusCommand implements Callable<Integer> {

  private final Terminal terminal;

  AgentStatusCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    terminal
        .out()
        .println(
            Agent.running(KeymailHome.of(terminal))
                .orElse(
                    "no keymail agent is running: commands connect to the server themselves"
                        + " ('keymail agent start' starts one)"));
    return ExitCodes.OK;
  }
}
