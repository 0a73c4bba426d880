package org.keymail.smime.large;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.testing.ChildJvm;
import org.keymail.testing.ProcessResult;

/**
 * A 50 MB attachment is signed, encrypted, decrypted and verified in a JVM with a 48 MB heap:
 * memory use is bounded by the engine's buffers (1 MiB spools, 64 KiB stream buffers), not by the
 * message. The attachment comes out bit for bit.
 */
class LargeMessageIT {

  private static final int HEAP_MB = 48;
  private static final int MESSAGE_MB = 50;

  @ParameterizedTest
  @ValueSource(strings = {"aes-256-cbc", "aes-256-gcm"})
  void fiftyMegabyteAttachmentRoundTripsInASmallerHeap(String cipher, @TempDir Path dir)
      throws Exception {
    ProcessResult run =
        ChildJvm.withOptions(
                List.of("-Xmx" + HEAP_MB + "m", "-Djava.io.tmpdir=" + dir),
                LargeMessageRoundTrip.class,
                dir.toString(),
                String.valueOf(MESSAGE_MB),
                cipher)
            .timeLimit(Duration.ofMinutes(5))
            .run();
    assertThat(run.exitCode()).as(run.describe()).isZero();
    String output = run.output();

    Map<String, String> result = new HashMap<>();
    for (String line : output.split("\n")) {
      String[] parts = line.trim().split(" ", 2);
      if (parts.length == 2) {
        result.put(parts[0], parts[1]);
      }
    }
    assertThat(result.get("verdict")).isEqualTo("VALID_TRUSTED");
    assertThat(result.get("received")).isEqualTo(result.get("sent")).hasSize(64);
    assertThat(Long.parseLong(result.get("message-bytes"))).isGreaterThan(MESSAGE_MB * (1L << 20));
    assertThat(Long.parseLong(result.get("max-heap"))).isLessThanOrEqualTo(HEAP_MB * (1L << 20));
    // Spools leave nothing behind: only the test's own three files remain.
    assertThat(dir.toFile().list())
        .containsExactlyInAnyOrder("plain.eml", "signed.eml", "encrypted.eml");
  }
}
