package org.keymail.smime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64DecodingTest {

  @Test
  void decodesWhatTheJdkMimeEncoderWritesAtEverySize() throws IOException {
    Random random = new Random(11);
    for (int size : new int[] {0, 1, 2, 3, 56, 57, 58, 65535, 65536, 65537, 200_001}) {
      byte[] data = new byte[size];
      random.nextBytes(data);
      byte[] encoded = Base64.getMimeEncoder().encode(data);
      assertThat(decode(encoded)).as("size %d", size).isEqualTo(data);
    }
  }

  @Test
  void skipsLineBreaksAndSpacesAnywhereAndStopsAtThePadding() throws IOException {
    String text = "SGVs bG8s\r\n IHdv\ncmxk IQ==\r\n--boundary trailer";
    assertThat(new String(decode(text), StandardCharsets.US_ASCII)).isEqualTo("Hello, world!");
  }

  @Test
  void unpaddedEndIsAcceptedAndADanglingCharacterIsNot() throws IOException {
    assertThat(decode("SGk")).isEqualTo("Hi".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> decode("SGVsb"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("not valid base64");
  }

  @Test
  void decodesLinesOfEveryLengthAndLineEndAcrossChunks() throws IOException {
    Random random = new Random(12);
    byte[] data = new byte[300_000];
    random.nextBytes(data);
    for (int lineLength : new int[] {4, 64, 76, 1000}) {
      for (byte[] lineEnd : new byte[][] {{'\r', '\n'}, {'\n'}}) {
        byte[] encoded = Base64.getMimeEncoder(lineLength, lineEnd).encode(data);
        assertThat(decode(encoded))
            .as("lines of %d, %d-byte line ends", lineLength, lineEnd.length)
            .isEqualTo(data);
      }
    }
  }

  @Test
  void linesOfChangingLengthWithSpacesAndAJunkCharacterAtAChunkEdgeStillDecode()
      throws IOException {
    Random random = new Random(13);
    byte[] data = new byte[200_000];
    random.nextBytes(data);
    String plain = Base64.getEncoder().encodeToString(data);
    StringBuilder text = new StringBuilder();
    int i = 0;
    int line = 0;
    while (i < plain.length()) {
      int length = Math.min(plain.length() - i, 60 + (line++ % 5) * 4);
      text.append(plain, i, i + length).append(line % 7 == 0 ? " \r\n" : "\r\n");
      i += length;
    }
    text.insert(4095, '*'); // outside the alphabet, right before the edge of the first chunk
    text.append("\r\n--boundary--\r\n");
    assertThat(decode(text.toString())).isEqualTo(data);
  }

  @Test
  void blocksOfAnyLayoutDecodeAsTheFilteredTextDoes() throws IOException {
    Random random = new Random(14);
    for (int round = 0; round < 60; round++) {
      // sizes around the first block (4 KiB of text) and the later ones (64 KiB)
      int[] edges = {3072, 49_152, 98_304, 147_456};
      int size = edges[round % edges.length] + random.nextInt(9) - 4;
      byte[] data = new byte[size];
      random.nextBytes(data);
      String plain = Base64.getEncoder().encodeToString(data);
      StringBuilder text = new StringBuilder();
      int lineLength = 1 + random.nextInt(120);
      for (int i = 0; i < plain.length(); ) {
        int length = Math.min(plain.length() - i, lineLength);
        text.append(plain, i, i + length);
        i += length;
        int junk = random.nextInt(200);
        text.append(junk == 0 ? " \r\n" : junk == 1 ? "\n" : "\r\n");
        if (junk == 2) {
          lineLength = 1 + random.nextInt(120);
        }
      }
      if (round % 3 == 0 && plain.endsWith("=")) { // only padding ends the data
        text.append("--boundary--\r\n");
      }
      assertThat(decode(text.toString())).as("round %d: %d bytes", round, size).isEqualTo(data);
    }
  }

  @Test
  void aLineBreakInsideLinesOfTheUsualLengthIsStillSkipped() throws IOException {
    // 76-character lines, the kind taken whole without looking inside; here and there one of them
    // holds a CR or an LF of its own and is one character short, so its CRLF is where expected
    Random random = new Random(17);
    byte[] data = new byte[150_000];
    random.nextBytes(data);
    String plain = Base64.getEncoder().encodeToString(data);
    StringBuilder text = new StringBuilder();
    int line = 0;
    for (int i = 0; i < plain.length(); line++) {
      boolean odd = line % 97 == 50;
      int length = Math.min(plain.length() - i, odd ? 75 : 76);
      String piece = plain.substring(i, i + length);
      text.append(
          odd
              ? piece.substring(0, 30) + (line % 2 == 0 ? "\r" : "\n") + piece.substring(30)
              : piece);
      text.append("\r\n");
      i += length;
    }
    assertThat(decode(text.toString())).isEqualTo(data);
  }

  @Test
  void paddingSplitBetweenTwoBlocksIsJoined() throws IOException {
    // 4096 characters of base64 ending in "==" with one space before them: the first block of
    // 4096 characters ends between the two padding characters
    byte[] data = new byte[3070];
    new Random(16).nextBytes(data);
    String plain = Base64.getEncoder().encodeToString(data);
    String text = plain.substring(0, 100) + " " + plain.substring(100) + "\r\n--boundary--\r\n";
    assertThat(text.indexOf("==")).isEqualTo(4095);
    assertThat(decode(text)).isEqualTo(data);
  }

  @Test
  void paddingAtTheEndOfAFullBlockEndsTheData() throws IOException {
    // 4096 characters of text, the last two of them padding: exactly the first block
    byte[] data = new byte[4096 / 4 * 3 - 2];
    new Random(15).nextBytes(data);
    String text = Base64.getEncoder().encodeToString(data) + "\r\nQUJD\r\n";
    assertThat(text.indexOf('=')).isEqualTo(4094);
    assertThat(decode(text)).isEqualTo(data);
  }

  /** What keymail's decoder gives for {@code text}. */
  private static byte[] decode(String text) throws IOException {
    return decode(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] decode(byte[] encoded) throws IOException {
    return Streams.base64Decoder(new ByteArrayInputStream(encoded)).readAllBytes();
  }
}
