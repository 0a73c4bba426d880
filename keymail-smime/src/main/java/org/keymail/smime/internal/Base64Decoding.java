package org.keymail.smime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * Decodes MIME base64 (RFC 2045 §6.8) as it streams in: characters outside the base64 alphabet
 * (line breaks, spaces) are skipped, the rest is decoded a block at a time with the JDK's array
 * decoder, which is many times faster than its stream decoder. Decoding stops at the padding.
 *
 * <p>Mail's base64 is lines of the alphabet between line breaks: the lines are copied whole into a
 * block of text until the block is full, and the full block is decoded by the JDK's decoder into a
 * reused array (on x86 its vectorised loop decodes 64 KiB in microseconds; copying the block to its
 * exact length first, or a new array per block, cost as much as the rest of the decoding). The
 * decoder checks the alphabet: anything else (spaces, padding followed by more text) makes it
 * refuse, and the block is then filtered a character at a time instead.
 *
 * <p>Internal: not part of keymail's API.
 */
final class Base64Decoding extends PieceInputStream {

  /** Base64 characters decoded at a time: a multiple of four. */
  private static final int BLOCK = 1 << 16;

  /** The first block is small: most base64 in mail (signatures, short parts) is a few kilobytes. */
  private static final int FIRST_BLOCK = 1 << 12;

  private static final Base64.Decoder DECODER = Base64.getDecoder();

  private static final boolean[] ALPHABET = new boolean[256];

  static {
    for (char c :
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".toCharArray()) {
      ALPHABET[c] = true;
    }
  }

  private final InputStream in;
  private byte[] raw = new byte[FIRST_BLOCK];
  private int rawPosition;
  private int rawEnd;
  private byte[] text = new byte[FIRST_BLOCK];
  private int textLength; // base64 text waiting to be decoded (fewer than 4 carried over)
  private byte[] decoded = new byte[0];

  /**
   * The length of the last whole line seen, to find the next line break without looking at every
   * byte; {@link #atLineStart} says whether the raw input is at the start of a line.
   */
  private int lineLength;

  private boolean atLineStart = true;

  Base64Decoding(InputStream in) {
    this.in = in;
  }

  @Override
  protected void fill() throws IOException {
    if (decoded.length < text.length / 4 * 3 + 3) {
      decoded = new byte[text.length / 4 * 3 + 3]; // all of it was read
    }
    boolean full = gather();
    if (full && text[text.length - 1] != '=') {
      try {
        serve(decoded, DECODER.decode(text, decoded));
        textLength = 0;
        grow();
        return;
      } catch (IllegalArgumentException notPlain) {
        // spaces, junk, or padding inside the block: filtered below
      }
    }
    boolean padded = filter();
    decode(!full, padded);
    grow();
  }

  /**
   * Appends the raw input to {@code text} without its line breaks, unchecked, until the text is
   * full (true) or the input ends (false).
   */
  private boolean gather() throws IOException {
    while (textLength < text.length) {
      if (rawPosition == rawEnd) {
        if (raw.length < text.length) {
          raw = new byte[text.length];
        }
        rawEnd = in.readNBytes(raw, 0, raw.length);
        rawPosition = 0;
        if (rawEnd == 0) {
          return false;
        }
      }
      if (atLineStart && lineLength > 0) {
        copyWholeLines();
        if (textLength == text.length || rawPosition == rawEnd) {
          continue;
        }
      }
      int p = rawPosition;
      int expectedEnd = p + lineLength;
      int runEnd;
      if (atLineStart
          && lineLength > 0
          && expectedEnd + 1 < rawEnd
          && raw[expectedEnd] == '\r'
          && raw[expectedEnd + 1] == '\n') {
        runEnd = expectedEnd;
      } else {
        runEnd = p;
        while (runEnd < rawEnd && raw[runEnd] != '\r' && raw[runEnd] != '\n') {
          runEnd++;
        }
        if (atLineStart && runEnd < rawEnd && runEnd > p) {
          lineLength = runEnd - p;
        }
      }
      int copyEnd = Math.min(runEnd, p + text.length - textLength);
      System.arraycopy(raw, p, text, textLength, copyEnd - p);
      textLength += copyEnd - p;
      p = copyEnd;
      atLineStart = false;
      while (p < rawEnd && (raw[p] == '\r' || raw[p] == '\n')) {
        p++;
        atLineStart = true;
      }
      rawPosition = p;
    }
    return true;
  }

  /**
   * Copies the lines that follow, each as long as the last one and ending in CRLF, while they are
   * whole in the raw input and fit in the text: mail's base64 is such lines, and one short loop
   * over them costs less than the general one.
   */
  private void copyWholeLines() {
    int length = lineLength;
    int p = rawPosition;
    int lines = Math.min((rawEnd - p) / (length + 2), (text.length - textLength) / length);
    for (int i = 0; i < lines && raw[p + length] == '\r' && raw[p + length + 1] == '\n'; i++) {
      System.arraycopy(raw, p, text, textLength, length);
      textLength += length;
      p += length + 2;
    }
    rawPosition = p;
  }

  /** Keeps only the base64 characters of {@code text}; true when it holds padding. */
  private boolean filter() {
    boolean padded = false;
    int kept = 0;
    for (int i = 0; i < textLength; i++) {
      int c = text[i] & 0xff;
      if (ALPHABET[c]) {
        text[kept++] = (byte) c;
        if (c == '=') {
          padded = true;
        }
      }
    }
    textLength = kept;
    return padded;
  }

  /**
   * Decodes the whole groups of four in {@code text} (all of it at the end or the padding) and
   * keeps the rest for the next block.
   */
  private void decode(boolean last, boolean padded) throws IOException {
    int usable = last || padded ? textLength : textLength - textLength % 4;
    if (padded) {
      // everything after the padding is not part of the data
      int end = indexOfPadding();
      int groupEnd = end + (4 - end % 4) % 4;
      if (groupEnd > textLength && !last) {
        // the padding's group of four ends in the next block
        padded = false;
        usable = end - end % 4;
      } else {
        usable = Math.min(textLength, groupEnd);
      }
    }
    try {
      serve(decoded, DECODER.decode(Arrays.copyOf(text, usable), decoded));
    } catch (IllegalArgumentException e) {
      throw new IOException("not valid base64: " + e.getMessage(), e);
    }
    System.arraycopy(text, usable, text, 0, textLength - usable);
    textLength -= usable;
    if (last || padded) {
      lastPiece();
    }
    if (isLastPiece() && textLength > 0 && !padded) {
      throw new IOException("not valid base64: it ends inside a group of four characters");
    }
  }

  /** After a first block, blocks of {@link #BLOCK} characters. */
  private void grow() {
    if (text.length < BLOCK && !isLastPiece()) {
      text = Arrays.copyOf(text, BLOCK);
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
