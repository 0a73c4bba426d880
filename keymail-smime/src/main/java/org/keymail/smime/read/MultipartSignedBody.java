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
 * Splits the body of a {@code multipart/signed} message (RFC 1847, RFC 2046 §5.1.1) into the
 * signed entity, copied byte for byte as it came, and the signature entity. The line end before a
 * boundary belongs to the boundary, not to the part.
 */
final class MultipartSignedBody {

  /** A signature part larger than this is not a signature. */
  private static final int MAX_SIGNATURE_PART = 16 << 20;

  private MultipartSignedBody() {}

  /**
   * Copies the first part to {@code signedEntity} and returns the second part's bytes (headers and
   * body).
   */
  static byte[] split(InputStream body, String boundary, OutputStream signedEntity)
      throws IOException, MalformedMessageException {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    LineReader lines = new LineReader(body);
    // Lines arrive one by one; what follows (digests, the spool's cipher) works best on large writes.
    OutputStream entity = new BufferedOutputStream(signedEntity, 1 << 16);
    int part = 0; // 0 preamble, 1 signed entity, 2 signature, 3 after the closing delimiter
    byte[] pendingLineEnd = null;
    ByteArrayOutputStream signature = new ByteArrayOutputStream();
    while (part < 3 && lines.next()) {
      Delimiter kind = classify(lines, delimiter);
      if (kind != Delimiter.NONE) {
        if (kind == Delimiter.CLOSE) {
          if (part < 2) {
            throw new MalformedMessageException(
                "the multipart/signed message has no signature part (it closes after part " + part + ")");
          }
          part = 3;
        } else {
          part++;
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
      OutputStream target = part == 1 ? entity : signature;
      if (pendingLineEnd != null) {
        target.write(pendingLineEnd);
        pendingLineEnd = null;
      }
      int lineEnd = lines.lineEndLength();
      target.write(lines.bytes(), lines.offset(), lines.length() - lineEnd);
      if (lineEnd > 0) {
        pendingLineEnd = lineEnd == 2 ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
      }
      if (signature.size() > MAX_SIGNATURE_PART) {
        throw new MalformedMessageException("the signature part is larger than 16 MiB");
      }
    }
    if (part == 0) {
      throw new MalformedMessageException(
          "the multipart/signed body does not contain its boundary \"" + boundary + "\"");
    }
    if (part == 1) {
      throw new MalformedMessageException("the multipart/signed message ends before its signature part");
    }
    if (signature.size() == 0) {
      throw new MalformedMessageException("the signature part of the multipart/signed message is empty");
    }
    entity.flush();
    return signature.toByteArray();
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
    if (!java.util.Arrays.equals(line, start, start + delimiter.length, delimiter, 0, delimiter.length)) {
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
