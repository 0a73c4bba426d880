package org.keymail.smime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LineBreaksTest {

  /** Bytes around CR and LF and the word tricks' edges: controls, high bytes, tabs. */
  private static final byte[] NEAR_MISSES = {
    '\r', '\n', 0, 9, 11, 12, 14, 0x0D + 0x80 - 256, 0x0A + 0x80 - 256, -1, 0x7F, 'A', '='
  };

  @Test
  void findTheFirstLineBreakWhereverItIsAndWhateverSurroundsIt() {
    SplittableRandom random = new SplittableRandom(16);
    for (int trial = 0; trial < 20_000; trial++) {
      byte[] b = new byte[random.nextInt(1, 70)];
      for (int i = 0; i < b.length; i++) {
        b[i] =
            random.nextInt(4) == 0
                ? NEAR_MISSES[random.nextInt(NEAR_MISSES.length)]
                : (byte) random.nextInt(0x20, 0x7F);
      }
      int from = random.nextInt(b.length);
      int to = random.nextInt(from, b.length + 1);
      assertThat(LineBreaks.indexOfLf(b, from, to)).isEqualTo(firstOf(b, from, to, false));
      assertThat(LineBreaks.indexOfCrOrLf(b, from, to)).isEqualTo(firstOf(b, from, to, true));
    }
  }

  @Test
  void findAnEightBitOrNulByteWhereverItIs() {
    SplittableRandom random = new SplittableRandom(17);
    for (int trial = 0; trial < 20_000; trial++) {
      byte[] b = new byte[random.nextInt(1, 70)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) random.nextInt(1, 0x80);
      }
      if (random.nextBoolean()) {
        b[random.nextInt(b.length)] = NEAR_MISSES[random.nextInt(NEAR_MISSES.length)];
      }
      int from = random.nextInt(b.length);
      int to = random.nextInt(from, b.length + 1);
      boolean expected = false;
      for (int i = from; i < to; i++) {
        expected |= b[i] <= 0;
      }
      assertThat(LineBreaks.hasEightBitOrNul(b, from, to)).isEqualTo(expected);
    }
  }

  @Test
  void reportTheEndWhenThereIsNoLineBreak() {
    byte[] b = "ABCDEFGHIJKLMNOPQRSTUVWXYZ\t\u000b\u000c\u000e0123456789".getBytes();
    assertThat(LineBreaks.indexOfLf(b, 0, b.length)).isEqualTo(b.length);
    assertThat(LineBreaks.indexOfCrOrLf(b, 0, b.length)).isEqualTo(b.length);
  }

  private static int firstOf(byte[] b, int from, int to, boolean crToo) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n' || (crToo && b[i] == '\r')) {
        return i;
      }
    }
    return to;
  }
}
