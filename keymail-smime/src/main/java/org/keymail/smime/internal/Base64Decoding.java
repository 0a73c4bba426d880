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

  /** The first chunk is small: most base64 in mail (signatures, short parts) is a few kilobytes. */
  private static final int FIRST_CHUNK = 1 << 12;

  private static final boolean[] ALPHABET = new boolean[256];

  static {
    for (char c :
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".toCharArray()) {
      ALPHABET[c] = true;
    }
  }

  private final InputStream in;
  private byte[] raw = new byte[FIRST_CHUNK];
  private byte[] text = new byte[FIRST_CHUNK + 4];
  private int textLength; // base64 characters waiting to be decoded (fewer than 4 carried over)
  private byte[] decoded = new byte[0];
  private int position;
  private boolean ended;

  /**
   * The length of the last line seen, to find the next line break without looking at every byte.
   */
  private int lineLength;

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
    int n = in.readNBytes(raw, 0, raw.length);
    boolean last = n < raw.length;
    if (text.length < textLength + n) {
      text = java.util.Arrays.copyOf(text, textLength + n + 4);
    }
    int carried = textLength;
    // Mail's base64 is lines of the alphabet between line breaks: copy the lines whole and let the
    // JDK's decoder check the alphabet. Anything else (spaces, padding followed by more text) makes
    // it refuse, and the chunk is filtered a character at a time instead.
    gatherLines(n);
    if (!decode(last, textLength > carried && text[textLength - 1] == '=', false)) {
      textLength = carried;
      boolean padded = filter(n);
      decode(last, padded, true);
    }
    if (n == raw.length && raw.length < CHUNK) {
      raw = new byte[CHUNK];
    }
  }

  /** Appends the bytes between line breaks to {@code text}, unchecked. */
  private void gatherLines(int n) {
    int p = 0;
    while (p < n) {
      int end = p + lineLength;
      int copyEnd;
      if (lineLength > 0 && end + 1 < n && raw[end] == '\r' && raw[end + 1] == '\n') {
        copyEnd = end;
      } else {
        copyEnd = p;
        while (copyEnd < n && raw[copyEnd] != '\r' && raw[copyEnd] != '\n') {
          copyEnd++;
        }
        if (copyEnd < n) {
          lineLength = copyEnd - p;
        }
      }
      System.arraycopy(raw, p, text, textLength, copyEnd - p);
      textLength += copyEnd - p;
      p = copyEnd;
      while (p < n && (raw[p] == '\r' || raw[p] == '\n')) {
        p++;
      }
    }
  }

  /** Appends the base64 characters of the chunk to {@code text}; true when it holds padding. */
  private boolean filter(int n) {
    boolean padded = false;
    for (int i = 0; i < n; i++) {
      int c = raw[i] & 0xff;
      if (ALPHABET[c]) {
        text[textLength++] = (byte) c;
        if (c == '=') {
          padded = true;
        }
      }
    }
    return padded;
  }

  /**
   * Decodes the whole groups of four in {@code text} (all of it at the end or the padding) and
   * keeps the rest for the next chunk. When not {@code strict}, returns false instead of failing,
   * so the chunk can be filtered again.
   */
  private boolean decode(boolean last, boolean padded, boolean strict) throws IOException {
    int usable = last || padded ? textLength : textLength - textLength % 4;
    if (padded) {
      // everything after the padding is not part of the data
      int end = indexOfPadding();
      usable = Math.min(textLength, end + (4 - end % 4) % 4);
    }
    if (!strict) {
      // what is kept for the next chunk must be base64 already: that chunk may be filtered
      for (int i = usable; i < textLength; i++) {
        if (!ALPHABET[text[i] & 0xff]) {
          return false;
        }
      }
    }
    byte[] result;
    try {
      result = Base64.getDecoder().decode(java.util.Arrays.copyOf(text, usable));
    } catch (IllegalArgumentException e) {
      if (!strict) {
        return false;
      }
      throw new IOException("not valid base64: " + e.getMessage(), e);
    }
    decoded = result;
    position = 0;
    System.arraycopy(text, usable, text, 0, textLength - usable);
    textLength -= usable;
    ended = last || padded;
    if (ended && textLength > 0 && !padded) {
      throw new IOException("not valid base64: it ends inside a group of four characters");
    }
    return true;
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
