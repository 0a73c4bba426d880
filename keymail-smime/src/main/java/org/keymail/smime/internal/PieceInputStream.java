package org.keymail.smime.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that hands out its content a piece at a time from an array its subclass fills:
 * the readers of large mail (base64, AES-CBC, AES-GCM) work in pieces of up to 64 KiB and serve
 * reads of any size from them.
 *
 * <p>Internal: not part of keymail's API.
 */
public abstract class PieceInputStream extends InputStream {

  private byte[] piece = new byte[0];
  private int position;
  private int end;
  private boolean last;

  /**
   * Makes the next piece readable with {@link #serve} (an empty one too) and says with {@link
   * #lastPiece} when none follows it. Called when what was served has been read whole.
   */
  protected abstract void fill() throws IOException;

  /** Makes {@code bytes[0, length)} the next bytes read; the array is not copied. */
  protected final void serve(byte[] bytes, int length) {
    piece = bytes;
    position = 0;
    end = length;
  }

  /** No piece follows the one served. */
  protected final void lastPiece() {
    last = true;
  }

  /** Whether {@link #lastPiece} was said. */
  protected final boolean isLastPiece() {
    return last;
  }

  @Override
  public final int read() throws IOException {
    return Streams.readOneByte(this);
  }

  @Override
  public final int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (position == end) {
      if (last) {
        return -1;
      }
      fill();
    }
    int n = Math.min(len, end - position);
    System.arraycopy(piece, position, b, off, n);
    position += n;
    return n;
  }
}
