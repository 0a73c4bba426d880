package org.keymail.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalProgramTest {

  @TempDir Path dir;

  @Test
  void missingProgramFailsTheTestNamingHowToInstallIt() {
    assertThatThrownBy(
            () ->
                ExternalProgram.command("keymail-no-such-peer", "cms")
                    .installHint("apt-get install -y openssl gpgsm")
                    .run())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("keymail-no-such-peer is not installed")
        .hasMessageContaining("apt-get install -y openssl gpgsm");
  }

  @Test
  void inputOutputErrorsAndExitCodeAreCapturedInTheWorkFolder() {
    ProcessResult result =
        ExternalProgram.command("sh", "-c", "cat; pwd; echo oops >&2; exit 3")
            .in(dir)
            .stdin("in\n".getBytes(StandardCharsets.US_ASCII))
            .run();

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.outLines()).containsExactly("in", dir.toString());
    assertThat(result.err()).isEqualTo("oops\n");
    assertThat(result.succeeded()).isFalse();
  }

  @Test
  void outputLargerThanAPipeDoesNotBlockTheProgram() {
    ProcessResult result = ExternalProgram.command("head", "-c", "1000000", "/dev/zero").run();

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).hasSize(1_000_000);
  }

  @Test
  void aProgramOverItsTimeLimitIsKilledAndFailsTheTest() {
    assertThatThrownBy(
            () ->
                ExternalProgram.command("sh", "-c", "echo waiting; sleep 60")
                    .timeLimit(Duration.ofMillis(500))
                    .run())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("did not finish within PT0.5S")
        .hasMessageContaining("stdout: waiting");
  }

  @Test
  void setVariablesReachTheProgramAndRemovedOnesDoNot() {
    ProcessResult result =
        ExternalProgram.command("sh", "-c", "echo \"$KEYMAIL_A|$HOME\"")
            .withoutInheritedEnv("HOME")
            .env("KEYMAIL_A", "set")
            .run();

    assertThat(result.out()).isEqualTo("set|\n");
  }
}
