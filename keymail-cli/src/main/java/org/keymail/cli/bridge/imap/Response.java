package org.keymail.cli.bridge.imap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One response line being written, as bytes: its text, strings quoted or sent as literals where
 * they must be (line ends, 8-bit text, quotes), and literals holding message bytes exactly.
 */
final class Response {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  Response text(String ascii) {
    bytes.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  /** An {@code nstring}: NIL for null, else a quoted string or, when it cannot be, a literal. */
  Response string(String value) {
    if (value == null) {
      return text("NIL");
    }
    boolean quotable = value.length() < 1024 && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    if (quotable) {
      return text("\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
    return literal(value.getBytes(StandardCharsets.UTF_8));
  }

  Response literal(byte[] content) {
    text("{" + content.length + "}\r\n");
    bytes.writeBytes(content);
    return this;
  }

  /** The line, ended. */
  byte[] line() {
    bytes.writeBytes(new byte[] {'\r', '\n'});
    return bytes.toByteArray();
  }
}
