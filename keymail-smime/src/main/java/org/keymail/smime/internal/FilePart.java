package org.keymail.smime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * The bytes of a file from one offset to another, read where they are, whatever the file holds
 * before or after them: a spool's content in a file that may hold an earlier spool's longer tail, a
 * range of a message read again from its file. {@link #atEnd()} runs once, when the end is read or
 * when the part is closed before it.
 *
 * <p>Internal: not part of keymail's API.
 */
public class FilePart extends InputStream {

  private final FileChannel channel;
  private final String name;
  private final long end;
  private long next;
  private boolean ended;

  /** {@code length} bytes of {@code channel} from {@code offset}; {@code name} says whose file. */
  public FilePart(FileChannel channel, String name, long offset, long length) {
    this.channel = channel;
    this.name = name;
    this.next = offset;
    this.end = offset + length;
  }

  /** The offset in the file of the next byte this part gives. */
  public final long next() {
    return next;
  }

  /** The offset in the file just after this part's last byte. */
  public final long end() {
    return end;
  }

  /** Runs once, at the end of the part or when it is closed before it; nothing by default. */
  protected void atEnd() throws IOException {}

  @Override
  public int read() throws IOException {
    return Streams.readOneByte(this);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (next == end) {
      endOnce();
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - next)), next);
    if (n < 0) {
      throw new IOException(name + " got shorter while keymail read it");
    }
    next += n;
    return n;
  }

  @Override
  public long skip(long n) {
    long skipped = Math.max(0, Math.min(n, end - next));
    next += skipped;
    return skipped;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, end - next);
  }

  /** Closes the file, and runs {@link #atEnd()} unless the end already did. */
  @Override
  public void close() throws IOException {
    channel.close();
    endOnce();
  }

  private void endOnce() throws IOException {
    if (!ended) {
      ended = true; // a failing check is reported once, not again on close
      atEnd();
    }
  }
}
