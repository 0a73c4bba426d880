package org.keymail.smime.read;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.keymail.smime.MalformedMessageException;
import org.keymail.smime.internal.LineReader;

/**
 * Splits the body of a {@code multipart/signed} message (RFC 1847, RFC 2046 §5.1.1) into the signed
 * entity, copied byte for byte as it came, and the signature entity. The line end before a boundary
 * belongs to the boundary, not to the part.
 */
final class MultipartSignedBody {

  /** A signature part larger than this is not a signature. */
  private static final int MAX_SIGNATURE_PART = 16 << 20;

  private MultipartSignedBody() {}

  /**
   * What a split found: the signature part's bytes (headers and body), and where the signed entity
   * is in the body that was split, as an offset from its first byte and a length.
   */
  record Split(byte[] signaturePart, long entityStart, long entityLength) {}

  /**
   * Copies the first part to {@code signedEntity} (unless null: a caller that can read the body
   * again takes the entity from there) and into {@code digests}, and returns where it is with the
   * second part's bytes.
   */
  static Split split(
      InputStream body, String boundary, OutputStream signedEntity, DetachedContentDigests digests)
      throws IOException, MalformedMessageException {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    LineReader lines = new LineReader(body);
    // Consecutive lines of the signed entity are written in one call from the reader's buffer
    // (a run); what follows (digests, the spool) works best on large writes.
    SignedEntity entity = new SignedEntity(signedEntity, digests);
    int part = 0; // 0 preamble, 1 signed entity, 2 signature, 3 after the closing delimiter
    byte[] pendingLineEnd = null;
    int runStart = -1; // the run's bytes in lines.bytes(), without the line end of its last line
    int runEnd = -1;
    int runLineEnd = 0; // that held-back line end's length, right after runEnd
    // Where the run's last lines, checked whole by the line reader (CRLF, no other control byte),
    // start; -1 when none were. The canonical form takes them without a second look.
    int checkedFrom = -1;
    long entityStart = -1;
    ByteArrayOutputStream signature = new ByteArrayOutputStream(1 << 12); // most are 2-4 KB
    while (part < 3) {
      if (runStart >= 0 && !lines.nextLineBuffered()) {
        // the reader is about to move its buffer: write the run, keep its last line end apart
        entity.writeRun(lines.bytes(), runStart, checkedFrom, runEnd);
        pendingLineEnd = lineEnd(runLineEnd);
        runStart = -1;
      }
      if (!lines.next()) {
        break;
      }
      Delimiter kind = classify(lines, delimiter);
      if (kind != Delimiter.NONE) {
        if (runStart >= 0) {
          entity.writeRun(lines.bytes(), runStart, checkedFrom, runEnd);
          runStart = -1;
        }
        if (kind == Delimiter.CLOSE) {
          if (part < 2) {
            throw new MalformedMessageException(
                "the multipart/signed message has no signature part (it closes after part "
                    + part
                    + ")");
          }
          part = 3;
        } else {
          part++;
          if (part == 1) {
            entityStart = lines.position() + lines.length();
          }
          if (part > 2) {
            throw new MalformedMessageException(
                "the multipart/signed message has more than two parts");
          }
        }
        pendingLineEnd = null;
        continue;
      }
      if (part == 0) {
        continue;
      }
      int lineEnd = lines.lineEndLength();
      if (part == 1) {
        int offset = lines.offset();
        if (runStart >= 0 && offset == runEnd + runLineEnd && checkedFrom < 0) {
          runEnd = offset + lines.length() - lineEnd; // the held-back line end joins the run
        } else {
          if (runStart >= 0) {
            entity.writeRun(lines.bytes(), runStart, checkedFrom, runEnd);
            pendingLineEnd = lineEnd(runLineEnd);
          }
          if (pendingLineEnd != null) {
            entity.write(pendingLineEnd);
            pendingLineEnd = null;
          }
          runStart = offset;
          runEnd = offset + lines.length() - lineEnd;
          checkedFrom = -1;
        }
        runLineEnd = lineEnd;
        if (lineEnd == 2) {
          // the lines after it of the same length join the run without a search for each end
          int skipped = lines.skipPlainLines(lines.length());
          if (skipped > 0) {
            checkedFrom = runEnd + lineEnd;
            runEnd += skipped;
          }
        }
        continue;
      }
      if (pendingLineEnd != null) {
        signature.write(pendingLineEnd);
        pendingLineEnd = null;
      }
      signature.write(lines.bytes(), lines.offset(), lines.length() - lineEnd);
      pendingLineEnd = lineEnd(lineEnd);
      if (signature.size() > MAX_SIGNATURE_PART) {
        throw new MalformedMessageException("the signature part is larger than 16 MiB");
      }
    }
    if (part == 0) {
      throw new MalformedMessageException(
          "the multipart/signed body does not contain its boundary \"" + boundary + "\"");
    }
    if (part == 1) {
      throw new MalformedMessageException(
          "the multipart/signed message ends before its signature part");
    }
    if (signature.size() == 0) {
      throw new MalformedMessageException(
          "the signature part of the multipart/signed message is empty");
    }
    entity.flush();
    return new Split(signature.toByteArray(), entityStart, entity.length());
  }

  /**
   * The signed entity's two destinations: the bytes as they came (when asked for), and the digests.
   */
  private static final class SignedEntity {
    private final OutputStream asReceived;
    private final OutputStream canonical;
    private final DetachedContentDigests digests;
    private long length;

    SignedEntity(OutputStream asReceived, DetachedContentDigests digests) {
      this.asReceived =
          asReceived == null
              ? OutputStream.nullOutputStream()
              : new BufferedOutputStream(asReceived, 1 << 13);
      this.canonical = new BufferedOutputStream(digests.canonicalInput(), 1 << 13);
      this.digests = digests;
    }

    void write(byte[] b) throws IOException {
      asReceived.write(b);
      canonical.write(b);
      length += b.length;
    }

    /**
     * Writes {@code b[start, end)}, whose lines from {@code checkedFrom} on (if not -1) are
     * checked.
     */
    void writeRun(byte[] b, int start, int checkedFrom, int end) throws IOException {
      asReceived.write(b, start, end - start);
      length += end - start;
      if (checkedFrom < 0) {
        canonical.write(b, start, end - start);
        return;
      }
      canonical.write(b, start, checkedFrom - start);
      canonical.flush();
      digests.writeCheckedLines(b, checkedFrom, end - checkedFrom);
    }

    void flush() throws IOException {
      asReceived.flush();
      canonical.flush();
    }

    /** The bytes of the entity so far. */
    long length() {
      return length;
    }
  }

  private static byte[] lineEnd(int length) {
    return switch (length) {
      case 2 -> new byte[] {'\r', '\n'};
      case 1 -> new byte[] {'\n'};
      default -> null;
    };
  }

  private enum Delimiter {
    NONE,
    NEXT,
    CLOSE
  }

  private static Delimiter classify(LineReader lines, byte[] delimiter) {
    if (!lines.isWholeLine() || lines.length() < delimiter.length) {
      return Delimiter.NONE;
    }
    byte[] line = lines.bytes();
    int start = lines.offset();
    if (line[start] != '-') {
      return Delimiter.NONE; // most lines: not worth comparing
    }
    if (!java.util.Arrays.equals(
        line, start, start + delimiter.length, delimiter, 0, delimiter.length)) {
      return Delimiter.NONE;
    }
    int end = start + lines.length() - lines.lineEndLength();
    int i = start + delimiter.length;
    Delimiter kind = Delimiter.NEXT;
    if (i + 2 <= end && line[i] == '-' && line[i + 1] == '-') {
      kind = Delimiter.CLOSE;
      i += 2;
    }
    for (; i < end; i++) {
      if (line[i] != ' ' && line[i] != '\t') {
        return Delimiter.NONE; // a longer boundary that merely starts the same
      }
    }
    return kind;
  }
}
