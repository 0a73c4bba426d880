package org.keymail.smime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamsTest {

  /** Around a line (57 bytes), the first block (64 lines) and a full block (1,024 lines). */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 56, 57, 58, 3647, 3648, 3649, 7296, 58_367, 58_368, 58_369, 200_000})
  void base64IsTheJdksMimeEncodingHoweverTheContentIsWritten(int size) throws IOException {
    SplittableRandom random = new SplittableRandom(size);
    byte[] content = new byte[size];
    random.nextBytes(content);
    String expected = Base64.getMimeEncoder().encodeToString(content);
    for (int largest : new int[] {1, 100, 5000, Integer.MAX_VALUE}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (OutputStream base64 = Streams.base64Encoder(out)) {
        writeInPieces(content, base64, random, largest);
      }
      assertThat(out.toString(java.nio.charset.StandardCharsets.US_ASCII))
          .as("written in pieces of up to %d bytes", largest)
          .isEqualTo(expected);
    }
  }

  @Test
  void bufferedOutputPassesEveryByteOnInOrderAndLargeWritesWhole() throws IOException {
    SplittableRandom random = new SplittableRandom(18);
    byte[] content = new byte[1 << 20];
    random.nextBytes(content);
    List<Integer> writes = new ArrayList<>();
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream recording =
        new OutputStream() {
          @Override
          public void write(int b) {
            writes.add(1);
            sink.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            writes.add(len);
            sink.write(b, off, len);
          }
        };
    OutputStream buffered = Streams.buffered(recording);
    assertThat(Streams.buffered(buffered)).isSameAs(buffered);
    writeInPieces(content, buffered, random, 2_000);
    buffered.flush();
    assertThat(sink.toByteArray()).isEqualTo(content);
    // short pieces are gathered into writes of up to 64 KiB
    assertThat(writes.size()).isLessThan(content.length / 1000);
  }

  @Test
  void bufferedOutputHoldsShortWritesUntilFlushedAndClosesItsStream() throws IOException {
    boolean[] closed = {false};
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream target =
        new OutputStream() {
          @Override
          public void write(int b) {
            sink.write(b);
          }

          @Override
          public void close() {
            closed[0] = true;
          }
        };
    OutputStream buffered = Streams.buffered(target);
    buffered.write('a');
    buffered.write(new byte[] {'b', 'c'}, 0, 2);
    assertThat(sink.size()).isZero();
    buffered.flush();
    assertThat(sink.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("abc");
    buffered.write(new byte[GrowingBufferedOutput.FULL_SIZE + 1]); // passes through, after "abc"
    assertThat(sink.size()).isEqualTo(3 + GrowingBufferedOutput.FULL_SIZE + 1);
    buffered.write('z');
    buffered.close();
    assertThat(closed[0]).isTrue();
    assertThat(sink.toByteArray()).endsWith('z');
  }

  /** Writes {@code content} in pieces of random length (single bytes among them). */
  private static void writeInPieces(
      byte[] content, OutputStream out, SplittableRandom random, int largest) throws IOException {
    int at = 0;
    while (at < content.length) {
      int n = Math.min(content.length - at, random.nextInt(1, Math.max(2, largest)));
      if (n == 1 && random.nextBoolean()) {
        out.write(content[at]);
      } else {
        out.write(content, at, n);
      }
      at += n;
    }
  }
}
