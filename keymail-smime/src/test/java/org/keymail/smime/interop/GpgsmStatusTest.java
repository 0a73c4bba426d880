package org.keymail.smime.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keymail.testing.ProcessResult;

/** How the gpgsm interop tests read gpgsm's {@code --status-fd 1} lines. */
class GpgsmStatusTest {

  @Test
  void statusKeywordsAreWholeWordsOfStatusLinesOnly() {
    ProcessResult verified =
        new ProcessResult(
            List.of("gpgsm", "--verify"),
            0,
            "[GNUPG:] GOODSIG 4F2A alice\nGOOD but not a status line\n[GNUPG:] TRUST_FULLY\n",
            "");

    assertThat(Gpgsm.statusLines(verified)).containsExactly("GOODSIG 4F2A alice", "TRUST_FULLY");
    assertThat(Gpgsm.hasStatus(verified, "GOODSIG")).isTrue();
    assertThat(Gpgsm.hasStatus(verified, "TRUST_FULLY")).isTrue();
    assertThat(Gpgsm.hasStatus(verified, "GOOD")).isFalse();
    assertThat(Gpgsm.hasStatus(verified, "VALIDSIG")).isFalse();
  }
}
