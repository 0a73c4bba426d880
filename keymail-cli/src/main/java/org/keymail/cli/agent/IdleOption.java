package org.keymail.cli.agent;

import java.time.Duration;
import org.keymail.cli.CliFailure;
import picocli.CommandLine.Option;

/** {@code --idle-minutes}: how long the agent waits for a request before it stops. */
final class IdleOption {

  static final int DEFAULT_MINUTES = 60;

  @Option(
      names = "--idle-minutes",
      paramLabel = "MINUTES",
      description =
          "Stop after this many minutes without a request (default: "
              + DEFAULT_MINUTES
              + "; 0 for never).")
  private int minutes = DEFAULT_MINUTES;

  Duration idle() throws CliFailure {
    if (minutes < 0) {
      throw new CliFailure("--idle-minutes must be 0 or more, not " + minutes);
    }
    return Duration.ofMinutes(minutes);
  }

  int minutes() {
    return minutes;
  }
}
