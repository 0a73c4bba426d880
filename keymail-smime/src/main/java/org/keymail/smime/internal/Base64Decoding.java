package org.keymail.smime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;

/**
 * Decodes MIME base64 (RFC 2045 §6.8) as it streams in: characters outside the base64 alphabet
 * (line breaks, spaces) are skipped, the rest is decoded a block at a time with the JDK's array
 * decoder, which is many times faster than its stream decoder. Decoding stops at the padding.
 *
 * <p>Internal: not part of keymail's API.
 */
final class Base64Decoding extends InputStream {

  private static final int CHUNK = 1 << 16;
  private static final boolean[] ALPHABET = new boolean[256];

  static {
    for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".toCharArray()) {
      ALPHABET[c] = true;
    }
  }

  private final InputStream in;
  private final byte[] raw = new byte[CHUNK];
  private byte[] text = new byte[CHUNK + 4];
  private int textLength; // base64 characters waiting to be decoded (fewer than 4 carried over)
  private byte[] decoded = new byte[0];
  private int position;
  private boolean ended;

  Base64Decoding(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (position == decoded.length) {
      if (ended) {
        return -1;
      }
      fill();
    }
    int n = Math.min(len, decoded.length - position);
    System.arraycopy(decoded, position, b, off, n);
    position += n;
    return n;
  }

  private void fill() throws IOException {
    int n = in.readNBytes(raw, 0, CHUNK);
    boolean last = n < CHUNK;
    boolean padded = false;
    for (int i = 0; i < n; i++) {
      int c = raw[i] & 0xff;
      if (ALPHABET[c]) {
        if (textLength == text.length) {
          text = java.util.Arrays.copyOf(text, text.length * 2);
        }
        text[textLength++] = (byte) c;
        if (c == '=') {
          padded = true;
        }
      }
    }
    int usable = last || padded ? textLength : textLength - textLength % 4;
    if (padded) {
      // everything after the padding is not part of the data
      int end = indexOfPadding();
      usable = Math.min(textLength, end + (4 - end % 4) % 4);
      ended = true;
    }
    if (last) {
      ended = true;
    }
    try {
      decoded = Base64.getDecoder().decode(java.util.Arrays.copyOf(text, usable));
    } catch (IllegalArgumentException e) {
      throw new IOException("not valid base64: " + e.getMessage(), e);
    }
    position = 0;
    System.arraycopy(text, usable, text, 0, textLength - usable);
    textLength -= usable;
    if (ended && textLength > 0 && !padded) {
      throw new IOException("not valid base64: it ends inside a group of four characters");
    }
  }

  private int indexOfPadding() {
    for (int i = 0; i < textLength; i++) {
      if (text[i] == '=') {
        return i;
      }
    }
    return textLength;
  }
}
