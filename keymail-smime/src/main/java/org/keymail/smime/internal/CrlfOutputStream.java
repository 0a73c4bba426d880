package org.keymail.smime.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes text with every line end as CRLF (the canonical form S/MIME signs, RFC 8551 §3.1.1): a
 * bare LF or a bare CR becomes CRLF, an existing CRLF stays as it is.
 *
 * <p>Internal: not part of keymail's API.
 */
public final class CrlfOutputStream extends FilterOutputStream {

  private boolean afterCr;
  private boolean sawBareLineEnd;

  public CrlfOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    if (b == '\r') {
      if (afterCr) {
        out.write('\n');
        sawBareLineEnd = true;
      }
      out.write('\r');
      afterCr = true;
    } else if (b == '\n') {
      if (!afterCr) {
        out.write('\r');
        sawBareLineEnd = true;
      }
      out.write('\n');
      afterCr = false;
    } else {
      if (afterCr) {
        out.write('\n');
        sawBareLineEnd = true;
      }
      out.write(b);
      afterCr = false;
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int start = off;
    int end = off + len;
    for (int i = off; i < end; i++) {
      byte c = b[i];
      if (c == '\r' || c == '\n' || afterCr) {
        if (i > start) {
          out.write(b, start, i - start);
        }
        write(c);
        start = i + 1;
      }
    }
    if (end > start) {
      out.write(b, start, end - start);
    }
  }

  /** Ends a CR left dangling at the end of the text. */
  public void finish() throws IOException {
    if (afterCr) {
      out.write('\n');
      afterCr = false;
      sawBareLineEnd = true;
    }
  }

  /** Whether any line end had to be changed. */
  public boolean changedLineEnds() {
    return sawBareLineEnd;
  }

  @Override
  public void close() throws IOException {
    finish();
    super.close();
  }
}
