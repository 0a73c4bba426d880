package org.keymail.smime.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One header field as it appeared in a message: its name and its raw value (folding kept, line ends
 * normalised to CRLF), so that headers keymail does not touch go out exactly as they came in.
 *
 * <p>Internal: not part of keymail's API.
 */
public record HeaderField(String name, String rawValue) {

  /**
   * Whether this is a {@code Content-*} field, which belongs to the MIME entity, not the message.
   */
  public boolean isContentField() {
    return name.toLowerCase(Locale.ROOT).startsWith("content-");
  }

  /** The value unfolded (continuation line breaks removed) and trimmed. */
  public String value() {
    return rawValue.replace("\r\n", "").replace("\n", "").trim();
  }

  /**
   * The {@link #value()} with its bytes read as UTF-8 when they are valid UTF-8 (RFC 6532 allows
   * UTF-8 in header fields), else as they were read (ISO-8859-1, one character per byte).
   */
  public String unicodeValue() {
    String value = value();
    byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException notUtf8) {
      return value;
    }
  }

  /** The field as written in a message, ending in CRLF. */
  public String toWire() {
    return name + ":" + rawValue + "\r\n";
  }

  public static HeaderField of(String name, String value) {
    return new HeaderField(name, " " + value);
  }
}
