package org.keymail.smime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds line breaks in byte arrays eight bytes at a time: mail is long runs of ordinary bytes
 * between line ends, and the engine looks for those ends in every byte of a message (splitting
 * {@code multipart/signed}, making line ends canonical), so a byte-at-a-time loop is what limits
 * large messages.
 *
 * <p>Internal: not part of keymail's API.
 */
public final class LineBreaks {

  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long CRS = ONES * '\r';
  private static final long LFS = ONES * '\n';

  private LineBreaks() {}

  /** The index of the first LF in {@code b[from, to)}, or {@code to} when there is none. */
  public static int indexOfLf(byte[] b, int from, int to) {
    int i = from;
    while (i + 8 <= to && !hasZeroByte((long) WORDS.get(b, i) ^ LFS)) {
      i += 8;
    }
    while (i < to && b[i] != '\n') {
      i++;
    }
    return i;
  }

  /** The index of the first CR or LF in {@code b[from, to)}, or {@code to} when there is none. */
  public static int indexOfCrOrLf(byte[] b, int from, int to) {
    int i = from;
    while (i + 8 <= to) {
      long word = (long) WORDS.get(b, i);
      if (hasZeroByte(word ^ CRS) || hasZeroByte(word ^ LFS)) {
        break;
      }
      i += 8;
    }
    while (i < to && b[i] != '\r' && b[i] != '\n') {
      i++;
    }
    return i;
  }

  private static boolean hasZeroByte(long word) {
    return ((word - ONES) & ~word & HIGH_BITS) != 0;
  }
}
