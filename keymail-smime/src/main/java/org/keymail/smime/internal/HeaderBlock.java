package org.keymail.smime.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.keymail.smime.MalformedMessageException;

/**
 * The header block of a message or MIME entity (RFC 5322 §2.2), read byte-exactly from a stream
 * that is left positioned at the first byte of the body.
 *
 * <p>Internal: not part of keymail's API.
 */
public final class HeaderBlock {

  /** Header blocks larger than this are refused: no real message has one, a hostile one might. */
  static final int MAX_HEADER_BYTES = 1 << 20;

  private final List<HeaderField> fields;

  public HeaderBlock(List<HeaderField> fields) {
    this.fields = List.copyOf(fields);
  }

  /**
   * Reads header fields up to and including the empty line that ends them. Accepts CRLF or bare LF
   * line ends. A stream that ends inside the headers yields the fields read so far (a message with
   * no body).
   */
  public static HeaderBlock read(InputStream in) throws IOException, MalformedMessageException {
    byte[] head = headAhead(in);
    return head != null ? parse(head) : parse(in);
  }

  /** How far ahead a header block is looked for in a stream that can go back. */
  private static final int LOOKAHEAD = 8192;

  /** How much is looked at first: most header blocks are a few hundred bytes. */
  private static final int FIRST_LOOK = 1024;

  /**
   * The bytes of the header block, empty line included, when a stream that supports mark and reset
   * holds all of them in its next {@value #LOOKAHEAD} bytes; the stream is then positioned at the
   * body. Null (and the stream where it was) otherwise. Reading a stream a byte at a time costs a
   * lock per byte; reading the block from an array does not. The stream is read a little at a time
   * (a buffered stream hands over what it holds without asking the file again), as far as the empty
   * line.
   */
  private static byte[] headAhead(InputStream in) throws IOException {
    if (!in.markSupported()) {
      return null;
    }
    in.mark(LOOKAHEAD);
    byte[] ahead = new byte[FIRST_LOOK];
    int filled = 0;
    int lineStart = 0;
    while (true) {
      int n = in.read(ahead, filled, ahead.length - filled);
      if (n <= 0) {
        break; // the stream ends (or gives nothing) before an empty line
      }
      filled += n;
      while (lineStart < filled) {
        if (ahead[lineStart] == '\n') {
          return skipped(in, ahead, lineStart + 1);
        }
        if (ahead[lineStart] == '\r') {
          if (lineStart + 1 == filled) {
            break; // is it CRLF? read on
          }
          if (ahead[lineStart + 1] == '\n') {
            return skipped(in, ahead, lineStart + 2);
          }
        }
        int lf = LineBreaks.indexOfLf(ahead, lineStart, filled);
        if (lf == filled) {
          break; // the line goes on: read on
        }
        lineStart = lf + 1;
      }
      if (filled == ahead.length) {
        if (ahead.length == LOOKAHEAD) {
          break;
        }
        ahead = java.util.Arrays.copyOf(ahead, Math.min(2 * ahead.length, LOOKAHEAD));
      }
    }
    in.reset();
    return null;
  }

  private static byte[] skipped(InputStream in, byte[] ahead, int length) throws IOException {
    in.reset();
    in.skipNBytes(length);
    return java.util.Arrays.copyOf(ahead, length);
  }

  /**
   * The fields of a whole header block in an array (as {@link #headAhead} returns it: every line
   * ends in LF, the last one is empty), read as {@link #parse(InputStream)} reads them.
   */
  private static HeaderBlock parse(byte[] head) throws MalformedMessageException {
    List<HeaderField> fields = new ArrayList<>();
    StringBuilder current = null;
    String currentName = null;
    int lineStart = 0;
    while (lineStart < head.length) {
      int lf = LineBreaks.indexOfLf(head, lineStart, head.length);
      int end = lf > lineStart && head[lf - 1] == '\r' ? lf - 1 : lf;
      boolean continuation = end > lineStart && (head[lineStart] == ' ' || head[lineStart] == '\t');
      if (continuation && current != null) {
        current.append("\r\n").append(new String(head, lineStart, end - lineStart, ISO_8859_1));
      } else {
        if (current != null) {
          fields.add(new HeaderField(currentName, current.toString()));
          current = null;
        }
        if (end == lineStart) {
          break;
        }
        String text = new String(head, lineStart, end - lineStart, ISO_8859_1);
        int colon = text.indexOf(':');
        if (colon <= 0 || !isFieldName(text.substring(0, colon))) {
          throw malformed(text, fields.isEmpty() && !continuation);
        }
        currentName = text.substring(0, colon);
        current = new StringBuilder(text.length() + 16).append(text, colon + 1, text.length());
      }
      lineStart = lf + 1;
    }
    if (current != null) {
      fields.add(new HeaderField(currentName, current.toString()));
    }
    return new HeaderBlock(fields);
  }

  private static MalformedMessageException malformed(String text, boolean first) {
    if (first) {
      return new MalformedMessageException(
          "the message does not start with a header field (found \"" + abbreviate(text) + "\")");
    }
    return new MalformedMessageException(
        "malformed header line \""
            + abbreviate(text)
            + "\": a header field needs a name and a colon");
  }

  private static HeaderBlock parse(InputStream in) throws IOException, MalformedMessageException {
    List<HeaderField> fields = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    StringBuilder current = null;
    String currentName = null;
    int total = 0;
    while (true) {
      line.reset();
      boolean ended = readLine(in, line);
      total += line.size() + 1;
      if (total > MAX_HEADER_BYTES) {
        throw new MalformedMessageException("the message's header block is larger than 1 MiB");
      }
      String text = line.toString(StandardCharsets.ISO_8859_1);
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
      boolean continuation = !text.isEmpty() && (text.charAt(0) == ' ' || text.charAt(0) == '\t');
      if (continuation && current != null) {
        current.append("\r\n").append(text);
      } else {
        if (current != null) {
          fields.add(new HeaderField(currentName, current.toString()));
          current = null;
        }
        if (text.isEmpty()) {
          break;
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || !isFieldName(text.substring(0, colon))) {
          throw malformed(text, fields.isEmpty() && !continuation);
        }
        currentName = text.substring(0, colon);
        current = new StringBuilder(text.substring(colon + 1));
      }
      if (!ended) {
        if (current != null) {
          fields.add(new HeaderField(currentName, current.toString()));
        }
        break;
      }
    }
    return new HeaderBlock(fields);
  }

  private static boolean isFieldName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 33 || c > 126) {
        return false;
      }
    }
    return true;
  }

  /**
   * Up to 40 characters of hostile input, made safe to show: anything but printable ASCII becomes
   * '?'.
   */
  private static String abbreviate(String text) {
    String shown = text.length() <= 40 ? text : text.substring(0, 40);
    StringBuilder safe = new StringBuilder(shown.length() + 1);
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      safe.append(c >= 32 && c < 127 ? c : '?');
    }
    return text.length() <= 40 ? safe.toString() : safe + "…";
  }

  /** Reads one line without its LF into {@code line}; false when the stream ended first. */
  private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        return true;
      }
      line.write(b);
      if (line.size() > MAX_HEADER_BYTES) {
        return false;
      }
    }
    return false;
  }

  public List<HeaderField> fields() {
    return fields;
  }

  /** The first field of that name (case-insensitive). */
  public Optional<HeaderField> get(String name) {
    for (HeaderField field : fields) {
      if (field.name().equalsIgnoreCase(name)) {
        return Optional.of(field);
      }
    }
    return Optional.empty();
  }

  /** The fields that satisfy {@code filter}. */
  public HeaderBlock filter(Predicate<HeaderField> filter) {
    List<HeaderField> kept = new ArrayList<>(fields.size());
    for (HeaderField field : fields) {
      if (filter.test(field)) {
        kept.add(field);
      }
    }
    return new HeaderBlock(kept);
  }

  /**
   * The fields that belong to the message rather than to its content: all but Content-* and
   * MIME-Version.
   */
  public HeaderBlock messageFields() {
    return filter(f -> !f.isContentField() && !f.name().equalsIgnoreCase("MIME-Version"));
  }

  /** The Content-* fields, which describe the MIME entity. */
  public HeaderBlock contentFields() {
    return filter(HeaderField::isContentField);
  }

  /** This block with {@code field} added at the end. */
  public HeaderBlock with(HeaderField field) {
    List<HeaderField> more = new ArrayList<>(fields);
    more.add(field);
    return new HeaderBlock(more);
  }

  /** This block with every field of that name removed. */
  public HeaderBlock without(String name) {
    return filter(f -> !f.name().equalsIgnoreCase(name));
  }

  /** The parsed Content-Type; {@code text/plain; charset=us-ascii} when absent (RFC 2045 §5.2). */
  public ContentType contentType() throws MalformedMessageException {
    Optional<HeaderField> field = get("Content-Type");
    if (field.isEmpty()) {
      return new ContentType("text", "plain", null);
    }
    try {
      return new ContentType(field.get().value());
    } catch (ParseException e) {
      throw new MalformedMessageException(
          "unreadable Content-Type \"" + abbreviate(field.get().value()) + "\": " + e.getMessage());
    }
  }

  /** The Content-Transfer-Encoding in lower case; {@code 7bit} when absent. */
  public String transferEncoding() {
    return get("Content-Transfer-Encoding")
        .map(f -> f.value().toLowerCase(Locale.ROOT))
        .orElse("7bit");
  }

  /**
   * The values of every field of that name (case-insensitive), in order, unfolded, read as UTF-8
   * where the bytes are UTF-8 (RFC 6532) and as ISO-8859-1 otherwise: a header may repeat a field
   * that must be single (two From fields), and the caller must see each.
   */
  public List<String> values(String name) {
    List<String> values = new ArrayList<>(2);
    for (HeaderField field : fields) {
      if (field.name().equalsIgnoreCase(name)) {
        values.add(field.unicodeValue());
      }
    }
    return List.copyOf(values);
  }

  /** Writes the fields, each ending in CRLF, without the empty line that ends a header block. */
  public void writeTo(OutputStream out) throws IOException {
    for (HeaderField field : fields) {
      out.write(field.toWire().getBytes(StandardCharsets.ISO_8859_1));
    }
  }
}
