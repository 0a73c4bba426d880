package org.keymail.cli.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mail clients as a person runs them without a terminal: curl (IMAP fetches, SMTP sends),
 * s-nail and neomutt in batch mode, each in {@code folder}, with {@code HOME} there so that no
 * configuration of the machine's takes part.
 */
final class MailClients {

  /** What one run did. */
  record Result(int exitCode, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  private final Path folder;

  MailClients(Path folder) {
    this.folder = folder;
  }

  /** Runs curl, silent but for errors. */
  Result curl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "120"));
    command.addAll(List.of(args));
    return program(new byte[0], command);
  }

  /**
   * Runs curl to submit a message over SMTP at {@code smtp} (a URL) with {@code login}
   * (user:password), from {@code from} to {@code recipients}; {@code message} are the further
   * arguments (headers, parts, -v).
   */
  Result curlSubmits(
      String smtp, String login, String from, List<String> recipients, String... message)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(List.of("--url", smtp, "--user", login, "--mail-from", from));
    recipients.forEach(recipient -> args.addAll(List.of("--mail-rcpt", recipient)));
    args.addAll(List.of(message));
    return curl(args.toArray(String[]::new));
  }

  /** Runs {@code command} with {@code input} on its standard input. */
  Result program(byte[] input, List<String> command) throws IOException, InterruptedException {
    Path stdin = Files.write(Files.createTempFile(folder, "in", ".txt"), input);
    Path stdout = Files.createTempFile(folder, "out", ".txt");
    Path stderr = Files.createTempFile(folder, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(folder.toFile())
            .redirectInput(stdin.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    Map<String, String> environment = builder.environment();
    environment.put("HOME", folder.toString());
    environment.put("LC_ALL", "C.UTF-8");
    environment.remove("MAIL");
    Process process = builder.start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("did not finish: " + command);
    }
    return new Result(process.exitValue(), Files.readAllBytes(stdout), Files.readString(stderr));
  }
}
