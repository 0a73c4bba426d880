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
}
