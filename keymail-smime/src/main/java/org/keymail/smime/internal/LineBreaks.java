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

  /** Subtracted from a word, sets a byte's high bit where the byte is below 0x0E. */
  private static final long BELOW_CONTROL = ONES * 0x0E;

  private LineBreaks() {}

  /** The index of the first LF in {@code b[from, to)}, or {@code to} when there is none. */
  public static int indexOfLf(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long found = zeroBytes((long) WORDS.get(b, i) ^ LFS);
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    while (i < to && b[i] != '\n') {
      i++;
    }
    return i;
  }

  /** The index of the first CR or LF in {@code b[from, to)}, or {@code to} when there is none. */
  public static int indexOfCrOrLf(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long word = (long) WORDS.get(b, i);
      // One test for "a byte below 0x0E" rules out CR (0x0D) and LF (0x0A) in most words of mail,
      // at half the cost of testing for each; only words with a control byte are looked at again.
      if (((word - BELOW_CONTROL) & ~word & HIGH_BITS) != 0) {
        long found = zeroBytes(word ^ CRS) | zeroBytes(word ^ LFS);
        if (found != 0) {
          return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
      }
    }
    while (i < to && b[i] != '\r' && b[i] != '\n') {
      i++;
    }
    return i;
  }

  /** Whether {@code b[from, to)} holds a byte above 0x7F or a NUL: data that is not 7-bit. */
  public static boolean hasEightBitOrNul(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long word = (long) WORDS.get(b, i);
      // A high bit set, or (with none set) a zero byte, whose subtraction borrows into it.
      if ((((word - ONES) | word) & HIGH_BITS) != 0) {
        return true;
      }
    }
    for (; i < to; i++) {
      if (b[i] <= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Skips lines of exactly {@code length} bytes that end in CRLF and hold no byte below 0x0E before
   * it (so no other CR or LF), from {@code from}; the index after the last such line. Each line is
   * checked whole, in words, with one branch: no search for its end. Lines of fewer than ten bytes
   * are not skipped.
   */
  public static int skipCrlfLines(byte[] b, int from, int to, int length) {
    int i = from;
    while (i + length <= to && isPlainCrlfLine(b, i, length)) {
      i += length;
    }
    return i;
  }

  /**
   * As {@link #skipCrlfLines}, but stops at a line that starts with a hyphen: such a line may be a
   * MIME boundary, and the caller has to look at it.
   */
  public static int skipCrlfLinesNotStartingWithHyphen(byte[] b, int from, int to, int length) {
    int i = from;
    while (i + length <= to && b[i] != '-' && isPlainCrlfLine(b, i, length)) {
      i += length;
    }
    return i;
  }

  /** Whether {@code b[i, i + length)} is at least 8 bytes without a control byte, then CRLF. */
  private static boolean isPlainCrlfLine(byte[] b, int i, int length) {
    int lineEnd = i + length - 2;
    if (lineEnd - i < 8) {
      return false;
    }
    long controls = 0;
    for (int w = i; w < lineEnd - 8; w += 8) {
      long word = (long) WORDS.get(b, w);
      controls |= (word - BELOW_CONTROL) & ~word;
    }
    long last = (long) WORDS.get(b, lineEnd - 8); // overlaps the one before: no byte loop
    controls |= (last - BELOW_CONTROL) & ~last;
    return (controls & HIGH_BITS) == 0 && b[lineEnd] == '\r' && b[lineEnd + 1] == '\n';
  }

  /**
   * The high bit of each zero byte of {@code word}, except that bytes above the lowest zero byte
   * may be marked falsely (a borrow runs on): the lowest mark is always exact, and it is the only
   * one used. Little-endian words put the lowest address in the lowest byte.
   */
  private static long zeroBytes(long word) {
    return (word - ONES) & ~word & HIGH_BITS;
  }
}
