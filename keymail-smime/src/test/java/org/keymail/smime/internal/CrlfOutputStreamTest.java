package org.keymail.smime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrlfOutputStreamTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a\\nb\\n|a\\r\\nb\\r\\n|true",
        "a\\r\\nb\\r\\n|a\\r\\nb\\r\\n|false",
        "a\\rb|a\\r\\nb|true",
        "a\\r|a\\r\\n|true",
        "\\r\\n\\r\\n|\\r\\n\\r\\n|false",
        "\\n\\r\\r\\n|\\r\\n\\r\\n\\r\\n|true",
        "no line end|no line end|false"
      })
  void everyLineEndBecomesCrlf(String input, String expected, boolean changed) throws Exception {
    String in = input.replace("\\n", "\n").replace("\\r", "\r");
    String want = expected.replace("\\n", "\n").replace("\\r", "\r");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CrlfOutputStream crlf = new CrlfOutputStream(out);
    crlf.write(in.getBytes(StandardCharsets.US_ASCII));
    crlf.finish();
    assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(want);
    assertThat(crlf.changedLineEnds()).isEqualTo(changed);
  }

  @Test
  void splittingTheInputAnywhereGivesTheSameOutput() throws Exception {
    Random random = new Random(3);
    byte[] input = new byte[5000];
    byte[] alphabet = {'a', 'b', '\r', '\n', ' '};
    for (int i = 0; i < input.length; i++) {
      input[i] = alphabet[random.nextInt(alphabet.length)];
    }
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    CrlfOutputStream one = new CrlfOutputStream(whole);
    one.write(input);
    one.finish();
    for (int trial = 0; trial < 50; trial++) {
      ByteArrayOutputStream pieces = new ByteArrayOutputStream();
      CrlfOutputStream many = new CrlfOutputStream(pieces);
      int at = 0;
      while (at < input.length) {
        int n = Math.min(input.length - at, 1 + random.nextInt(7));
        if (n == 1 && random.nextBoolean()) {
          many.write(input[at]);
        } else {
          many.write(input, at, n);
        }
        at += n;
      }
      many.finish();
      assertThat(pieces.toByteArray()).isEqualTo(whole.toByteArray());
    }
    String text = whole.toString(StandardCharsets.US_ASCII);
    assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
  }

  /**
   * Runs of equal lines (base64's 76 characters) are checked a line at a time: a line end, tab or
   * control byte anywhere among them, a line of another length, or a piece ending mid-line must
   * still come out canonical.
   */
  @Test
  void runsOfEqualLinesWithAnOddByteAnywhereComeOutCanonical() throws Exception {
    Random random = new Random(16);
    byte[] odd = {'\r', '\n', '\t', 0, 0x0C, 0x0E, (byte) 0x8D, (byte) 0x8A};
    for (int trial = 0; trial < 300; trial++) {
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      int length = 10 + random.nextInt(80);
      for (int line = 0; line < 40; line++) {
        int n = random.nextInt(8) == 0 ? random.nextInt(100) : length;
        for (int i = 0; i < n; i++) {
          text.write('A' + random.nextInt(26));
        }
        text.write('\r');
        text.write('\n');
      }
      byte[] input = text.toByteArray();
      for (int k = random.nextInt(4); k > 0; k--) {
        input[random.nextInt(input.length)] = odd[random.nextInt(odd.length)];
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      CrlfOutputStream crlf = new CrlfOutputStream(out);
      int at = 0;
      while (at < input.length) {
        int n = Math.min(input.length - at, 1 + random.nextInt(input.length));
        crlf.write(input, at, n);
        at += n;
      }
      crlf.finish();
      assertThat(out.toByteArray()).isEqualTo(canonical(input));
    }
  }

  /** The canonical form one byte at a time, as RFC 8551 describes it. */
  private static byte[] canonical(byte[] input) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < input.length; i++) {
      if (input[i] == '\r') {
        out.write('\r');
        out.write('\n');
        if (i + 1 < input.length && input[i + 1] == '\n') {
          i++;
        }
      } else if (input[i] == '\n') {
        out.write('\r');
        out.write('\n');
      } else {
        out.write(input[i]);
      }
    }
    return out.toByteArray();
  }
}
