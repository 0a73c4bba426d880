package org.keymail.smime.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream as lines without ever holding more than one bounded segment: a line longer than
 * the buffer comes out in several segments, the first flagged as starting a line.
 *
 * <p>Internal: not part of keymail's API.
 */
public final class LineReader {

  private static final int SEGMENT = 65536;

  private final InputStream in;
  private final byte[] buffer = new byte[SEGMENT];
  private int bufferEnd;
  private int bufferPos;
  private final byte[] segment = new byte[SEGMENT];
  private int segmentLength;
  private boolean segmentEndsLine;
  private boolean segmentStartsLine = true;
  private boolean nextStartsLine = true;

  public LineReader(InputStream in) {
    this.in = in;
  }

  /**
   * Reads the next segment; false at the end of the stream. The segment includes its line end
   * (LF or CRLF) when it has one.
   */
  public boolean next() throws IOException {
    segmentLength = 0;
    segmentEndsLine = false;
    segmentStartsLine = nextStartsLine;
    while (segmentLength < SEGMENT) {
      if (bufferPos == bufferEnd) {
        bufferEnd = in.read(buffer);
        bufferPos = 0;
        if (bufferEnd <= 0) {
          bufferEnd = 0;
          break;
        }
      }
      byte b = buffer[bufferPos++];
      segment[segmentLength++] = b;
      if (b == '\n') {
        segmentEndsLine = true;
        break;
      }
    }
    nextStartsLine = segmentEndsLine;
    return segmentLength > 0;
  }

  public byte[] bytes() {
    return segment;
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
    return segmentLength >= 2 && segment[segmentLength - 2] == '\r' ? 2 : 1;
  }

  /** Whether this segment starts a line. */
  public boolean startsLine() {
    return segmentStartsLine;
  }

  /** Whether this segment is a whole line (starts one and ends in a line end or the stream's end). */
  public boolean isWholeLine() {
    return segmentStartsLine && (segmentEndsLine || segmentLength < SEGMENT);
  }
}
