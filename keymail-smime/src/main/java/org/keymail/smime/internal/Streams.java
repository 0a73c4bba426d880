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

  /** A base64 encoder writing 76-character lines ending in CRLF; closing it leaves {@code out} open. */
  public static OutputStream base64Encoder(OutputStream out) {
    return Base64.getMimeEncoder(76, CRLF).wrap(closeShield(out));
  }

  /** A base64 decoder that skips line breaks and other characters outside the alphabet. */
  public static InputStream base64Decoder(InputStream in) {
    return Base64.getMimeDecoder().wrap(in);
  }

  /**
   * {@code in} with a 64 KiB buffer unless it already has one: the engine reads headers a byte at
   * a time, which on a bare file or socket stream is a system call per byte.
   */
  public static InputStream buffered(InputStream in) {
    if (in instanceof java.io.BufferedInputStream || in instanceof java.io.ByteArrayInputStream) {
      return in;
    }
    return new java.io.BufferedInputStream(in, 1 << 16);
  }

  /** {@code out} with a 64 KiB buffer unless it already has one; flush it, do not close it. */
  public static OutputStream buffered(OutputStream out) {
    if (out instanceof java.io.BufferedOutputStream || out instanceof java.io.ByteArrayOutputStream) {
      return out;
    }
    return new java.io.BufferedOutputStream(out, 1 << 16);
  }

  /** Discards everything. */
  public static OutputStream discard() {
    return OutputStream.nullOutputStream();
  }
}
