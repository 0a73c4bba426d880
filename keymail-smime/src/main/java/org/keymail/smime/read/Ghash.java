package org.keymail.smime.read;

/**
 * The arithmetic of GCM's GHASH (NIST SP 800-38D §6.3) over short inputs: a nonce of another length
 * than 12 bytes, and authenticated attributes that Bouncy Castle hands over only after the
 * ciphertext. The bulk of a message is hashed by the JDK's GCM, which uses the CPU's carry-less
 * multiplication; this bit-at-a-time multiplication is only for the few blocks around it.
 *
 * <p>A field element is 16 bytes in GCM's bit order (the first bit of the first byte is the
 * coefficient of x^0).
 */
final class Ghash {

  /** The reduction constant R = 11100001 || 0^120 of SP 800-38D §6.3. */
  private static final long R = 0xE100000000000000L;

  private final long hHigh;
  private final long hLow;

  /** A GHASH under the hash subkey {@code h} (the block cipher of the zero block). */
  Ghash(byte[] h) {
    this.hHigh = high(h);
    this.hLow = low(h);
  }

  /**
   * GHASH of {@code data} zero-padded to whole blocks (without a length block): the sum of each
   * block times H to the power of its distance from the end.
   */
  byte[] hash(byte[] data) {
    long yHigh = 0;
    long yLow = 0;
    for (int off = 0; off < data.length; off += 16) {
      byte[] block = new byte[16];
      System.arraycopy(data, off, block, 0, Math.min(16, data.length - off));
      yHigh ^= high(block);
      yLow ^= low(block);
      long[] product = multiply(yHigh, yLow, hHigh, hLow);
      yHigh = product[0];
      yLow = product[1];
    }
    return bytes(yHigh, yLow);
  }

  /** The pre-counter block J0 for a nonce that is not 12 bytes long (SP 800-38D §7.1 step 2). */
  byte[] preCounterBlock(byte[] nonce) {
    int padded = (nonce.length + 15) / 16 * 16;
    byte[] input = new byte[padded + 16];
    System.arraycopy(nonce, 0, input, 0, nonce.length);
    long bits = (long) nonce.length * 8;
    for (int i = 0; i < 8; i++) {
      input[input.length - 1 - i] = (byte) (bits >>> (8 * i));
    }
    return hash(input);
  }

  /** {@code x} times H to the power {@code exponent}. */
  byte[] timesPowerOfH(byte[] x, long exponent) {
    long rHigh = high(x);
    long rLow = low(x);
    long pHigh = hHigh;
    long pLow = hLow;
    for (long e = exponent; e > 0; e >>>= 1) {
      if ((e & 1) != 0) {
        long[] product = multiply(rHigh, rLow, pHigh, pLow);
        rHigh = product[0];
        rLow = product[1];
      }
      long[] square = multiply(pHigh, pLow, pHigh, pLow);
      pHigh = square[0];
      pLow = square[1];
    }
    return bytes(rHigh, rLow);
  }

  /** The product of two field elements given as 16 bytes each. */
  static byte[] multiply(byte[] x, byte[] y) {
    long[] product = multiply(high(x), low(x), high(y), low(y));
    return bytes(product[0], product[1]);
  }

  /** The product of two field elements (SP 800-38D Algorithm 1). */
  private static long[] multiply(long xHigh, long xLow, long yHigh, long yLow) {
    long zHigh = 0;
    long zLow = 0;
    long vHigh = yHigh;
    long vLow = yLow;
    for (int i = 0; i < 128; i++) {
      long bit = i < 64 ? (xHigh >>> (63 - i)) & 1 : (xLow >>> (127 - i)) & 1;
      long mask = -bit;
      zHigh ^= vHigh & mask;
      zLow ^= vLow & mask;
      long carry = -(vLow & 1);
      vLow = (vLow >>> 1) | (vHigh << 63);
      vHigh = (vHigh >>> 1) ^ (R & carry);
    }
    return new long[] {zHigh, zLow};
  }

  /** GCM's length block: the bit lengths of the additional data and of the ciphertext. */
  static byte[] lengthBlock(long additionalBytes, long ciphertextBytes) {
    byte[] lengths = new byte[16];
    long a = additionalBytes * 8;
    long c = ciphertextBytes * 8;
    for (int i = 0; i < 8; i++) {
      lengths[7 - i] = (byte) (a >>> (8 * i));
      lengths[15 - i] = (byte) (c >>> (8 * i));
    }
    return lengths;
  }

  private static long high(byte[] block) {
    return word(block, 0);
  }

  private static long low(byte[] block) {
    return word(block, 8);
  }

  private static long word(byte[] block, int off) {
    long w = 0;
    for (int i = 0; i < 8; i++) {
      w = (w << 8) | (block[off + i] & 0xff);
    }
    return w;
  }

  private static byte[] bytes(long high, long low) {
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[7 - i] = (byte) (high >>> (8 * i));
      out[15 - i] = (byte) (low >>> (8 * i));
    }
    return out;
  }
}
