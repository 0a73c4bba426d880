package org.keymail.smime.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream as lines without ever holding more than one bounded segment: a line longer than
 * the buffer comes out in several segments, the first flagged as starting a line. A segment is a
 * view into the reader's buffer ({@link #bytes()} from {@link #offset()}), valid until the next
 * call of {@link #next()}: lines are not copied.
 *
 * <p>Internal: not part of keymail's API.
 */
public final class LineReader {

  private static final int SEGMENT = 65536;

  private final InputStream in;
  private final byte[] buffer;
  private int bufferEnd;
  private int bufferPos;
  private long bufferStart; // where buffer[0] is in the stream
  private boolean eof;
  private int segmentOffset;
  private int segmentLength;
  private boolean segmentEndsLine;
  private boolean segmentStartsLine = true;
  private boolean nextStartsLine = true;

  /**
   * Where the next LF is, as found by {@link #nextLineBuffered()} from {@link #lfFrom}; -1 when not
   * known.
   */
  private int knownLf = -1;

  private int lfFrom = -1;

  public LineReader(InputStream in) {
    this(in, SEGMENT);
  }

  /** A reader whose segments are at most {@code segment} bytes long. */
  LineReader(InputStream in, int segment) {
    this.in = in;
    this.buffer = new byte[segment];
  }

  /**
   * Reads the next segment; false at the end of the stream. The segment includes its line end (LF
   * or CRLF) when it has one.
   */
  public boolean next() throws IOException {
    segmentStartsLine = nextStartsLine;
    int searched = bufferPos;
    if (lfFrom == bufferPos && knownLf >= 0) {
      lfFrom = -1;
      return take(knownLf + 1, true);
    }
    lfFrom = -1;
    while (true) {
      int lf = LineBreaks.indexOfLf(buffer, searched, bufferEnd);
      if (lf < bufferEnd) {
        return take(lf + 1, true);
      }
      searched = bufferEnd;
      if (eof || bufferEnd - bufferPos == buffer.length) {
        // no line end in a full buffer, or none before the stream's end: a segment without one
        return take(bufferEnd, false);
      }
      if (bufferPos > 0) {
        System.arraycopy(buffer, bufferPos, buffer, 0, bufferEnd - bufferPos);
        searched -= bufferPos;
        bufferEnd -= bufferPos;
        bufferStart += bufferPos;
        bufferPos = 0;
      }
      int n = in.read(buffer, bufferEnd, buffer.length - bufferEnd);
      if (n < 0) {
        eof = true;
      } else {
        bufferEnd += n;
      }
    }
  }

  /**
   * Whether the next call of {@link #next()} returns a whole line that is already in the buffer:
   * then it neither moves nor refills the buffer, and the bytes of the segments returned before
   * stay where they are. A caller can gather consecutive lines and write them in one call.
   */
  public boolean nextLineBuffered() {
    int lf = LineBreaks.indexOfLf(buffer, bufferPos, bufferEnd);
    lfFrom = bufferPos;
    knownLf = lf < bufferEnd ? lf : -1;
    return knownLf >= 0;
  }

  /**
   * After a whole line, skips the lines already in the buffer that are exactly {@code length} bytes
   * long, end in CRLF, hold no other control byte and do not start with a hyphen (so none is a MIME
   * boundary): the long runs of base64 lines in a large part. Returns the number of bytes skipped;
   * they directly follow the last segment in {@link #bytes()} and stay there until the next call of
   * {@link #next()} that refills the buffer.
   */
  public int skipPlainLines(int length) {
    if (!segmentEndsLine) {
      return 0;
    }
    int end = LineBreaks.skipCrlfLinesNotStartingWithHyphen(buffer, bufferPos, bufferEnd, length);
    int skipped = end - bufferPos;
    bufferPos = end;
    return skipped;
  }

  private boolean take(int end, boolean endsLine) {
    segmentOffset = bufferPos;
    segmentLength = end - bufferPos;
    segmentEndsLine = endsLine;
    bufferPos = end;
    nextStartsLine = endsLine;
    return segmentLength > 0;
  }

  /** The array holding the segment, from {@link #offset()}. */
  public byte[] bytes() {
    return buffer;
  }

  /** Where the segment starts in {@link #bytes()}. */
  public int offset() {
    return segmentOffset;
  }

  /** Where the segment starts in the stream, counted from the first byte this reader read. */
  public long position() {
    return bufferStart + segmentOffset;
  }

  /** The segment's length, line end included. */
  public int length() {
    return segmentLength;
  }

  /** The length of the line end at the segment's end: 2 (CRLF), 1 (LF) or 0. */
  public int lineEndLength() {
    if (!segmentEndsLine) {
      return 0;
    }
    return segmentLength >= 2 && buffer[segmentOffset + segmentLength - 2] == '\r' ? 2 : 1;
  }

  /** Whether this segment starts a line. */
  public boolean startsLine() {
    return segmentStartsLine;
  }

  /**
   * Whether this segment is a whole line (starts one and ends in a line end or the stream's end).
   */
  public boolean isWholeLine() {
    return segmentStartsLine && (segmentEndsLine || segmentLength < buffer.length);
  }
}
