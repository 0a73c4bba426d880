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

  private static final byte[] CRLF = {'\r', '\n'};

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

  /**
   * Passes runs of bytes through in one call, CRLF pairs included; only a bare LF or CR costs an
   * extra write. Line-by-line writes would dominate the cost of a large message.
   */
  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int end = off + len;
    int start = off;
    if (afterCr && len > 0) {
      // the previous write ended in a CR, already written
      out.write('\n');
      afterCr = false;
      if (b[off] == '\n') {
        start++;
      } else {
        sawBareLineEnd = true;
      }
    }
    int i = start;
    int lineStart = start; // a guess at the first write: it may begin inside a line
    int lineLength = 0;
    while (true) {
      if (lineLength > 0) {
        i = LineBreaks.skipCrlfLines(b, i, end, lineLength);
        lineStart = i;
      }
      i = LineBreaks.indexOfCrOrLf(b, i, end);
      if (i == end) {
        break;
      }
      if (b[i] == '\n') {
        out.write(b, start, i - start);
        out.write(CRLF);
        sawBareLineEnd = true;
        start = ++i;
      } else if (i + 1 == end) {
        out.write(b, start, end - start);
        afterCr = true;
        return;
      } else if (b[i + 1] == '\n') {
        i += 2; // a CRLF pair: part of the run
        // Mail's long runs are lines of one length (base64's 76 characters): the next lines are
        // checked at once, without looking for their ends.
        lineLength = i - lineStart;
        lineStart = i;
        continue;
      } else {
        out.write(b, start, i - start);
        out.write(CRLF);
        sawBareLineEnd = true;
        start = ++i;
      }
      lineStart = i;
      lineLength = 0;
    }
    if (end > start) {
      out.write(b, start, end - start);
    }
  }

  /**
   * Writes lines the caller has already checked, without looking at them again: whole lines, each
   * ending in CRLF and holding no other CR or LF, the last one possibly without its CRLF. (The
   * {@code multipart/signed} split checks the long runs of base64 lines to rule out a boundary;
   * checking them again here did that work twice.)
   */
  public void writeCheckedLines(byte[] b, int off, int len) throws IOException {
    if (afterCr) {
      write(b, off, len); // a CR before them was bare: let the search find it
      return;
    }
    out.write(b, off, len);
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
