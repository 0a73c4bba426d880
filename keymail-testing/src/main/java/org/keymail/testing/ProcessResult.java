package org.keymail.testing;

import java.util.List;

/**
 * What a finished process did.
 *
 * @param command the command line, for failure messages
 * @param exitCode the process's exit status
 * @param out everything it printed on standard output
 * @param err everything it printed on standard error
 */
public record ProcessResult(List<String> command, int exitCode, String out, String err) {

  public ProcessResult {
    command = List.copyOf(command);
  }

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** Standard output and then standard error, for a peer whose words may land on either. */
  public String output() {
    return out + err;
  }

  /** Standard output's lines. */
  public List<String> outLines() {
    return out.lines().toList();
  }

  /** Standard error's lines. */
  public List<String> errLines() {
    return err.lines().toList();
  }

  /** The whole outcome in words, for an assertion's message. */
  public String describe() {
    return String.join(" ", command)
        + "\n  exit "
        + exitCode
        + "\n  stdout: "
        + out.strip()
        + "\n  stderr: "
        + err.strip();
  }
}
