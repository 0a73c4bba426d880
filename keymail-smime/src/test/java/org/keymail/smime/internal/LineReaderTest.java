package org.keymail.smime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  @Test
  void equalLinesAreSkippedUpToOneThatMayBeABoundaryOrHoldsAnotherControlByte() throws IOException {
    String line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\r\n";
    String text =
        line + line + line + "-" + line.substring(1) + line + line.replace('Q', '\t') + line;
    LineReader lines = new LineReader(new ByteArrayInputStream(text.getBytes()), 1 << 16);
    assertThat(lines.next()).isTrue();
    assertThat(lines.skipPlainLines(lines.length())).isEqualTo(2 * line.length());
    assertThat(lines.next()).isTrue();
    assertThat(new String(lines.bytes(), lines.offset(), 1, StandardCharsets.US_ASCII))
        .isEqualTo("-");
    assertThat(lines.skipPlainLines(lines.length())).isEqualTo(line.length());
    assertThat(lines.next()).isTrue();
    assertThat(lines.bytes()[lines.offset()]).isEqualTo((byte) '\t');
    assertThat(lines.skipPlainLines(lines.length() + 1)).isZero();
    assertThat(lines.next()).isTrue();
    assertThat(new String(lines.bytes(), lines.offset(), lines.length(), StandardCharsets.US_ASCII))
        .isEqualTo(line);
    assertThat(lines.next()).isFalse();
  }

  @Test
  void linesOfEveryLengthComeOutWholeWithTheirLineEnds() throws IOException {
    Random random = new Random(5);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      StringBuilder line = new StringBuilder();
      for (int j = random.nextInt(40); j > 0; j--) {
        line.append((char) ('a' + random.nextInt(26)));
      }
      line.append(random.nextBoolean() ? "\r\n" : "\n");
      expected.add(line.toString());
      text.writeBytes(line.toString().getBytes(StandardCharsets.US_ASCII));
    }
    LineReader lines = new LineReader(new Trickle(text.toByteArray()), 64);
    List<String> found = new ArrayList<>();
    while (lines.next()) {
      assertThat(lines.isWholeLine()).isTrue();
      found.add(
          new String(lines.bytes(), lines.offset(), lines.length(), StandardCharsets.US_ASCII));
    }
    assertThat(found).isEqualTo(expected);
  }

  @Test
  void aLineLongerThanTheBufferComesInSegmentsAndTheLastLineMayLackItsEnd() throws IOException {
    byte[] text = ("x".repeat(150) + "\r\nend").getBytes(StandardCharsets.US_ASCII);
    LineReader lines = new LineReader(new ByteArrayInputStream(text), 64);
    List<String> segments = new ArrayList<>();
    List<Boolean> starts = new ArrayList<>();
    while (lines.next()) {
      segments.add(
          new String(lines.bytes(), lines.offset(), lines.length(), StandardCharsets.US_ASCII));
      starts.add(lines.startsLine());
    }
    assertThat(segments)
        .containsExactly("x".repeat(64), "x".repeat(64), "x".repeat(22) + "\r\n", "end");
    assertThat(starts).containsExactly(true, false, false, true);
  }

  /** Hands out at most seven bytes per read, as a slow socket might. */
  private static final class Trickle extends InputStream {
    private final ByteArrayInputStream in;

    Trickle(byte[] bytes) {
      this.in = new ByteArrayInputStream(bytes);
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return in.read(b, off, Math.min(len, 7));
    }
  }
}
