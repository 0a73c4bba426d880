package org.keymail.cli.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.keymail.cli.Keymail;

/**
 * Runs {@code keymail} in a JVM of its own, as the launcher does, with this JVM's class path and
 * environment plus the variables given. Needed where a fresh process matters: within one JVM, a
 * PKCS#11 token that is logged in accepts any PIN from a second provider.
 */
final class KeymailProcess {

  /** What the process printed and its exit status. */
  record Result(int exitCode, String out, String err) {}

  private KeymailProcess() {}

  /**
   * Runs keymail with {@code args}; a process still running after {@code timeoutSeconds} (a server
   * that started when it should not have) is killed and reported with exit status -1.
   */
  static Result run(
      Path workDir, Map<String, String> environment, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add(Keymail.class.getName());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(workDir, "keymail-", ".out");
    Path err = Files.createTempFile(workDir, "keymail-", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    int exitCode;
    if (process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      exitCode = process.exitValue();
    } else {
      process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
      exitCode = -1;
    }
    return new Result(
        exitCode,
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
