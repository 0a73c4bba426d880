package org.keymail.cli.agent;

import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.Agent;
import org.keymail.cli.client.KeymailHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code keymail agent run}: the agent in the foreground, for a service manager ({@code systemd
 * --user}) or to watch it; {@code keymail agent start} runs this in the background.
 */
@Command(
    name = "run",
    description =
        "Run the agent in the foreground (for systemd --user or to watch it); Ctrl-C stops it."
            + " 'keymail agent start' runs it in the background.",
    footerHeading = "%nExamples:%n",
    footer = {"  keymail agent run", "  keymail agent run --idle-minutes 0"})
final class AgentRunCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private IdleOption idle;

  AgentRunCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    Agent agent = Agent.listen(KeymailHome.of(terminal), idle.idle(), terminal.err());
    // Ctrl-C or a service manager's stop: the socket goes with the process.
    Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "keymail-agent-stop"));
    agent.serve();
    return ExitCodes.OK;
  }
}
