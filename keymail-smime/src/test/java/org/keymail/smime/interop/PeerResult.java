package org.keymail.smime.interop;

import java.util.Arrays;
import java.util.List;

/**
 * What one run of an interop peer's command line ({@code openssl}, {@code gpgsm}) gave back.
 *
 * @param command the command line, for failure messages
 * @param exitCode the process's exit code
 * @param stdout everything it printed on standard output (text commands only; files hold data)
 * @param stderr everything it printed on standard error
 */
record PeerResult(List<String> command, int exitCode, String stdout, String stderr) {

  PeerResult {
    command = List.copyOf(command);
  }

  boolean succeeded() {
    return exitCode == 0;
  }

  /**
   * The status lines gpgsm printed with {@code --status-fd 1}, without the {@code [GNUPG:] }
   * prefix.
   */
  List<String> statusLines() {
    return Arrays.stream(stdout.split("\n"))
        .filter(line -> line.startsWith("[GNUPG:] "))
        .map(line -> line.substring("[GNUPG:] ".length()).strip())
        .toList();
  }

  /** Whether a status line starts with {@code keyword} (e.g. {@code GOODSIG}). */
  boolean hasStatus(String keyword) {
    return statusLines().stream()
        .anyMatch(line -> line.equals(keyword) || line.startsWith(keyword + " "));
  }

  /** The whole outcome in words, for an assertion's message. */
  String describe() {
    return String.join(" ", command)
        + "\n  exit "
        + exitCode
        + "\n  stdout: "
        + stdout.strip()
        + "\n  stderr: "
        + stderr.strip();
  }
}
