package org.keymail.cli.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Keymail;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.Agent;
import org.keymail.cli.client.KeymailHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code keymail agent start}: {@code keymail agent run} in a process of its own, detached from the
 * terminal, its messages in the home's {@code agent.log}; returns once the agent answers.
 */
@Command(
    name = "start",
    description =
        "Start the agent in the background, unless one runs already. Its messages go to agent.log"
            + " in $KEYMAIL_HOME (default ~/.keymail).",
    footerHeading = "%nExamples:%n",
    footer = {"  keymail agent start", "  keymail agent start --idle-minutes 480"})
final class AgentStartCommand implements Callable<Integer> {

  /** How long the new process may take to answer: a Java start on a busy computer. */
  private static final Duration READY_WITHIN = Duration.ofSeconds(60);

  private final Terminal terminal;

  @Mixin private IdleOption idle;

  AgentStartCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    idle.idle();
    KeymailHome home = KeymailHome.of(terminal).ensure();
    Optional<String> running = Agent.running(home);
    if (running.isPresent()) {
      terminal.out().println("already running; " + running.get().lines().findFirst().orElse(""));
      return ExitCodes.OK;
    }
    Process process = start(home);
    Instant deadline = Instant.now().plus(READY_WITHIN);
    while (running.isEmpty()) {
      if (!process.isAlive()) {
        throw new CliFailure(
            "the keymail agent stopped at start (exit status "
                + process.exitValue()
                + "); see "
                + home.agentLog());
      }
      if (Instant.now().isAfter(deadline)) {
        process.destroy();
        throw new CliFailure(
            "the keymail agent did not answer within "
                + READY_WITHIN.toSeconds()
                + " s; see "
                + home.agentLog());
      }
      Thread.sleep(50);
      running = Agent.running(home);
    }
    terminal
        .out()
        .println(
            "keymail agent started (process "
                + process.pid()
                + "): commands reach the server through it. It stops "
                + (idle.minutes() == 0
                    ? "with 'keymail agent stop'."
                    : "after "
                        + idle.minutes()
                        + " minutes without a request, or with 'keymail agent stop'."));
    return ExitCodes.OK;
  }

  /** {@code keymail agent run} with this process's Java and classes, detached from the terminal. */
  private Process start(KeymailHome home) throws CliFailure {
    List<String> command = new ArrayList<>();
    // Its own session: closing the terminal (SIGHUP to its processes) leaves the agent running.
    Path setsid = Path.of("/usr/bin/setsid");
    if (Files.isExecutable(setsid)) {
      command.add(setsid.toString());
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-XX:+UseSerialGC",
            "-Xmx96m",
            "-Xlog:disable",
            "-Xlog:all=warning:stderr",
            "-cp",
            System.getProperty("java.class.path"),
            Keymail.class.getName(),
            "agent",
            "run",
            "--idle-minutes",
            Integer.toString(idle.minutes())));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(home.agentLog().toFile()))
            .redirectErrorStream(true);
    builder
        .environment()
        .put(KeymailHome.ENVIRONMENT_VARIABLE, home.folder().toAbsolutePath().toString());
    try {
      return builder.start();
    } catch (IOException e) {
      throw new CliFailure("cannot start the keymail agent: " + e.getMessage(), e);
    }
  }
}
