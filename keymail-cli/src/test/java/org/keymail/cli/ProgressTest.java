package org.keymail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The progress line: what it says for a given amount, that it redraws in place only when its
 * percentage changes and clears itself at the end, and that it says nothing at all when standard
 * error is not a screen.
 */
class ProgressTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0         | 52428800  | sending 0 B of 50.0 MB (0%)",
        "512       | 2048      | sending 512 B of 2.0 KB (25%)",
        "13107200  | 52428800  | sending 12.5 MB of 50.0 MB (25%)",
        "52428799  | 52428800  | sending 50.0 MB of 50.0 MB (99%)",
        "52428800  | 52428800  | sending 50.0 MB of 50.0 MB (100%)",
        "3221225472| 4294967296| sending 3.0 GB of 4.0 GB (75%)",
        "0         | 0         | sending 0 B of 0 B (100%)"
      })
  void theLineSaysHowMuchOfHowMuchAndThePercentage(long done, long total, String line) {
    assertThat(Progress.line("sending", done, total)).isEqualTo(line);
  }

  @Test
  void onAScreenItRedrawsWhenThePercentageChangesAndClearsAtTheEnd() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Progress progress = Progress.of(terminal(err, Terminal.ErrShows.ON_A_SCREEN), "sending", 400);

    progress.advance(100);
    progress.advance(1); // still 25%: not drawn again
    progress.advance(299);
    progress.advance(50); // past the end counts as the end
    progress.done();

    String blank = " ".repeat("sending 400 B of 400 B (100%)".length());
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "\rsending 100 B of 400 B (25%)"
                + "\rsending 400 B of 400 B (100%)"
                + "\r"
                + blank
                + "\r");
  }

  @Test
  void inAFileOrPipeItSaysNothing() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Progress progress =
        Progress.of(terminal(err, Terminal.ErrShows.IN_A_FILE_OR_PIPE), "sending", 400);

    progress.advance(200);
    progress.advance(200);
    progress.done();

    assertThat(err.size()).isZero();
  }

  private static Terminal terminal(ByteArrayOutputStream err, Terminal.ErrShows shows) {
    return new Terminal(
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of(),
        shows);
  }
}
