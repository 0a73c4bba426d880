package org.keymail.smime.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerProcessTest {

  @TempDir Path dir;

  @Test
  void missingPeerFailsTheTestNamingHowToInstallIt() {
    assertThatThrownBy(
            () ->
                PeerProcess.run(dir, Map.of(), new byte[0], List.of("keymail-no-such-peer", "cms")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("keymail-no-such-peer is not installed")
        .hasMessageContaining("apt-get install -y openssl gpgsm");
  }

  @Test
  void peerOutputAndExitCodeAreCaptured() {
    PeerResult result =
        PeerProcess.run(
            dir,
            Map.of(),
            "in\n".getBytes(),
            List.of("sh", "-c", "cat; echo '[GNUPG:] GOODSIG x'; echo oops >&2; exit 3"));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).startsWith("in\n");
    assertThat(result.stderr()).isEqualTo("oops\n");
    assertThat(result.hasStatus("GOODSIG")).isTrue();
    assertThat(result.hasStatus("GOOD")).isFalse();
  }
}
