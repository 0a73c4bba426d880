package org.keymail.smime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A header block read ahead from a stream that can go back (parsed from an array) gives the same
 * fields, the same body position and the same refusals as one read a byte at a time from a stream
 * that cannot: whatever the block's length, wherever its line ends fall against the look-ahead's
 * steps, and when it is longer than the look-ahead.
 */
class HeaderBlockTest {

  static Stream<String> blocks() {
    String longValue = "x".repeat(1500);
    return Stream.of(
        "From: a@example.org\r\nTo: b@example.org\r\n\r\nbody\r\n",
        "From: a@example.org\nSubject: bare LF\n\nbody\n",
        "Subject: folded\r\n  over two lines\r\n\tand three\r\n\r\nbody",
        "X-Long: " + longValue + "\r\nFrom: a@example.org\r\n\r\nbody",
        "X-Padding: " + "y".repeat(1024 - 13) + "\r\n\r\nbody", // CR LF across the first step
        "X-Padding: " + "y".repeat(1024 - 12) + "\r\n\r\nbody",
        "X-Padding: " + "y".repeat(1024 - 14) + "\r\n\r\nbody",
        "X-Huge: " + "z".repeat(9000) + "\r\n\r\nbody", // longer than the look-ahead
        "From: a@example.org\r\n", // no body, no empty line
        "From: a@example.org\r\nSubject: ends in CR\r",
        "Subject: a\r\n\r\n",
        "not a header\r\n\r\nbody",
        "From: a@example.org\r\nbroken line\r\n\r\nbody",
        " continuation first\r\n\r\nbody",
        "Bad Name: x\r\n\r\nbody",
        "\r\nbody with no header at all");
  }

  @ParameterizedTest
  @MethodSource("blocks")
  void readAheadGivesWhatReadingByteByByteGives(String block) throws Exception {
    byte[] bytes = block.getBytes(StandardCharsets.ISO_8859_1);
    for (InputStream ahead :
        new InputStream[] {
          new ByteArrayInputStream(bytes),
          new BufferedInputStream(new ByteArrayInputStream(bytes), 1 << 16),
          new BufferedInputStream(new ByteArrayInputStream(bytes), 7) // hands over a few at a time
        }) {
      InputStream byteByByte = new NoMark(new ByteArrayInputStream(bytes));
      Throwable expected = catchThrowable(() -> HeaderBlock.read(byteByByte));
      Throwable actual = catchThrowable(() -> HeaderBlock.read(ahead));
      if (expected != null) {
        assertThat(actual).isInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
        continue;
      }
      assertThat(actual).isNull();
      HeaderBlock one = HeaderBlock.read(new NoMark(new ByteArrayInputStream(bytes)));
      InputStream again = new BufferedInputStream(new ByteArrayInputStream(bytes), 1 << 16);
      HeaderBlock other = HeaderBlock.read(again);
      assertThat(other.fields()).isEqualTo(one.fields());
      InputStream rest = new NoMark(new ByteArrayInputStream(bytes));
      HeaderBlock.read(rest);
      assertThat(again.readAllBytes()).isEqualTo(rest.readAllBytes());
    }
  }

  /** A stream that cannot go back: the header block is read a byte at a time. */
  private static final class NoMark extends FilterInputStream {
    NoMark(InputStream in) {
      super(in);
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
