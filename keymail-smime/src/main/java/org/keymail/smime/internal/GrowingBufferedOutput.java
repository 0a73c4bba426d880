package org.keymail.smime.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A buffered output stream whose buffer starts at 8 KiB and doubles as the output needs, up to 64
 * KiB. A short message does not pay for zeroing 64 KiB it never uses (a tenth of the engine's own
 * cost of signing 4 KB), and a long one is written in 64 KiB pieces; writes of 64 KiB or more pass
 * through. Not safe for use by several threads at once.
 *
 * <p>Internal: not part of keymail's API.
 */
final class GrowingBufferedOutput extends OutputStream {

  static final int FIRST_SIZE = 1 << 13;
  static final int FULL_SIZE = 1 << 16;

  private final OutputStream out;
  private byte[] buffer = new byte[FIRST_SIZE];
  private int count;

  GrowingBufferedOutput(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    if (count == buffer.length) {
      makeRoom(1);
    }
    buffer[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len >= FULL_SIZE) {
      drain();
      out.write(b, off, len);
      return;
    }
    if (len > buffer.length - count) {
      makeRoom(len);
    }
    System.arraycopy(b, off, buffer, count, len);
    count += len;
  }

  /** Grows the buffer until {@code len} more bytes fit, or writes it out at its full size. */
  private void makeRoom(int len) throws IOException {
    int size = buffer.length;
    while (size < FULL_SIZE && len > size - count) {
      size *= 2;
    }
    if (size > buffer.length) {
      buffer = Arrays.copyOf(buffer, size);
    }
    if (len > buffer.length - count) {
      drain();
    }
  }

  private void drain() throws IOException {
    if (count > 0) {
      out.write(buffer, 0, count);
      count = 0;
    }
  }

  @Override
  public void flush() throws IOException {
    drain();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    try (OutputStream closing = out) {
      flush();
    }
  }
}
