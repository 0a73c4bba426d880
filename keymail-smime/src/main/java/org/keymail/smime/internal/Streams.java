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

  /** Discards everything. */
  public static OutputStream discard() {
    return OutputStream.nullOutputStream();
  }
}
