package org.keymail.smime.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;

/**
 * Small stream adapters the engine needs and the JDK lacks.
 *
 * <p>Internal: not part of keymail's API.
 */
public final class Streams {

  private static final byte[] CRLF = {'\r', '\n'};

  private Streams() {}

  /** An output stream whose {@code close()} flushes but leaves {@code out} open. */
  public static OutputStream closeShield(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }

  /** Writes everything to both streams. */
  public static OutputStream tee(OutputStream first, OutputStream second) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        first.write(b);
        second.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        first.write(b, off, len);
        second.write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        first.flush();
        second.flush();
      }
    };
  }

  /**
   * A base64 encoder writing 76-character lines ending in CRLF; closing it leaves {@code out} open.
   */
  public static OutputStream base64Encoder(OutputStream out) {
    return new Base64Lines(out);
  }

  /**
   * Base64 in 76-character CRLF lines, encoded a block of whole lines at a time with the JDK's
   * array encoder (several times faster than its stream encoder, which works a few bytes at a
   * time). Every line but the last is full; no line end follows the last line, as with the JDK.
   */
  private static final class Base64Lines extends OutputStream {
    private static final int LINE_BYTES = 57; // 57 bytes make one 76-character line
    private static final int LINE_CHARS = 76;
    private static final Base64.Encoder BASIC = Base64.getEncoder();

    /** Bytes encoded at a time once the content is long; it starts with 64 lines' worth. */
    private static final int FULL_BLOCK = LINE_BYTES * 1024;

    private final OutputStream out;
    // Most base64 written is a signature of a few kilobytes: zeroing a whole block for it was a
    // tenth of the engine's own cost of signing a short message.
    private byte[] block = new byte[LINE_BYTES * 64];
    private byte[] encoded = new byte[0];
    private byte[] lined = new byte[0];
    private int filled;
    private boolean wroteAny;
    private boolean closed;

    Base64Lines(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      block[filled++] = (byte) b;
      if (filled == block.length) {
        blockFull();
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        int n = Math.min(len, block.length - filled);
        System.arraycopy(b, off, block, filled, n);
        filled += n;
        off += n;
        len -= n;
        if (filled == block.length) {
          blockFull();
        }
      }
    }

    private void blockFull() throws IOException {
      if (block.length < FULL_BLOCK) {
        block = java.util.Arrays.copyOf(block, FULL_BLOCK);
      } else {
        flushBlock();
      }
    }

    private void flushBlock() throws IOException {
      if (filled == 0) {
        return;
      }
      if (wroteAny) {
        out.write(CRLF);
      }
      // One call of the JDK's encoder for the whole block, then line breaks by copying: its MIME
      // encoder calls the vectorised encoding once per 57-byte line.
      int needed = (filled + 2) / 3 * 4;
      if (encoded.length < needed) { // grown as needed: most messages are a few kilobytes
        encoded = new byte[needed];
        lined = new byte[needed + needed / LINE_CHARS * 2];
      }
      int encodedLength =
          BASIC.encode(
              filled == block.length ? block : java.util.Arrays.copyOf(block, filled), encoded);
      int lines = 0;
      for (int from = 0; from < encodedLength; from += LINE_CHARS) {
        int length = Math.min(LINE_CHARS, encodedLength - from);
        int to = from + lines * 2;
        System.arraycopy(encoded, from, lined, to, length);
        if (from + length < encodedLength) {
          lined[to + length] = '\r';
          lined[to + length + 1] = '\n';
          lines++;
        }
      }
      out.write(lined, 0, encodedLength + lines * 2);
      wroteAny = true;
      filled = 0;
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        flushBlock();
        out.flush();
      }
    }
  }

  /** A base64 decoder that skips line breaks and other characters outside the alphabet. */
  public static InputStream base64Decoder(InputStream in) {
    return new Base64Decoding(in);
  }

  /**
   * {@code in} with a 64 KiB buffer unless it already has one: the engine reads headers a byte at a
   * time, which on a bare file or socket stream is a system call per byte.
   */
  public static InputStream buffered(InputStream in) {
    if (in instanceof java.io.BufferedInputStream || in instanceof java.io.ByteArrayInputStream) {
      return in;
    }
    return new java.io.BufferedInputStream(in, 1 << 16);
  }

  /**
   * {@code out} with a buffer of up to 64 KiB unless it already has one (see {@link
   * GrowingBufferedOutput}); flush it, do not close it.
   */
  public static OutputStream buffered(OutputStream out) {
    if (out instanceof java.io.BufferedOutputStream
        || out instanceof java.io.ByteArrayOutputStream
        || out instanceof GrowingBufferedOutput) {
      return out;
    }
    return new GrowingBufferedOutput(out);
  }

  /**
   * {@code InputStream.read()} for a stream that reads in arrays: one byte through {@code in}'s
   * {@code read(byte[], int, int)}, or -1 at the end.
   */
  public static int readOneByte(InputStream in) throws IOException {
    byte[] one = new byte[1];
    return in.read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
  }

  /** Discards everything. */
  public static OutputStream discard() {
    return OutputStream.nullOutputStream();
  }
}
