package org.keymail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./keymail} launcher, as a user does, on the jar of this build (passed in
 * {@code KEYMAIL_JAR}, so the launcher neither rebuilds nor picks up another build's jar).
 */
class LauncherIT {

  private static final Path LAUNCHER =
      Path.of(System.getProperty("keymail.launcher", "../keymail"));
  private static final Path JAR =
      Path.of(System.getProperty("keymail.jar", "target/keymail-cli.jar"));

  @TempDir Path dir;

  @Test
  void versionRunsThroughTheLauncher() throws Exception {
    Run version = launch(List.of("--version"));

    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.output()).startsWith("keymail ").contains("crypto: ");
  }

  @Test
  void demoRunsThroughTheLauncher() throws Exception {
    Run demo = launch(List.of("demo", "--dir", dir.resolve("demo").toString()));

    assertThat(demo.exitCode()).as(demo.output()).isZero();
    assertThat(demo.output()).contains("VALID_TRUSTED: ");
  }

  @Test
  void errorsReachTheShellAsExitStatusTwo() throws Exception {
    Run verify = launch(List.of("smime", "verify", dir.resolve("nowhere.eml").toString()));

    assertThat(verify.exitCode()).isEqualTo(2);
    assertThat(verify.output())
        .isEqualTo("keymail: cannot read " + dir.resolve("nowhere.eml") + ": no such file\n");
  }

  private record Run(int exitCode, String output) {}

  private Run launch(List<String> args) throws IOException, InterruptedException {
    assertThat(JAR).as("the jar of this build").exists();
    List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toAbsolutePath().toString());
    command.addAll(args);
    Path output = dir.resolve("output.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().put("KEYMAIL_JAR", JAR.toAbsolutePath().toString());
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
    return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }
}
