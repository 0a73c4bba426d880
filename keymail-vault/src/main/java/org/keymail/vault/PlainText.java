package org.keymail.vault;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The rule for a name people give and others read (a display name, a PassKey's name): one line of
 * text, NFC-normalised, without control characters (a CR/LF could forge a line in a header, a log
 * or a certificate) or bidirectional overrides (which make a name read as another), and no longer
 * than the column that keeps it.
 */
public final class PlainText {

  private PlainText() {}

  /**
   * The text to keep, stripped and normalised; or empty with the reason in {@code problem}.
   *
   * @param what how a person calls the field, e.g. "a display name"
   */
  public static Result check(String text, String what, int maxLength) {
    String value = Normalizer.normalize(text == null ? "" : text.strip(), Normalizer.Form.NFC);
    if (value.isEmpty()) {
      return Result.refused(what + " cannot be empty");
    }
    int length = value.codePointCount(0, value.length());
    if (length > maxLength) {
      return Result.refused(
          what + " is " + length + " characters long; at most " + maxLength + " fit");
    }
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      if (refused(c)) {
        return Result.refused(
            what
                + " cannot contain the character U+"
                + String.format("%04X", c)
                + " ("
                + Character.getName(c)
                + ")");
      }
      i += Character.charCount(c);
    }
    return new Result(Optional.of(value), Optional.empty());
  }

  private static boolean refused(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.UNASSIGNED
        || (c >= 0x202A && c <= 0x202E) // bidi embeddings and overrides
        || (c >= 0x2066 && c <= 0x2069) // bidi isolates
        || c == 0x200E
        || c == 0x200F
        || c == 0x061C; // directional marks
  }

  /** The kept text, or why none can be kept. */
  public record Result(Optional<String> value, Optional<String> problem) {
    static Result refused(String problem) {
      return new Result(Optional.empty(), Optional.of(problem));
    }
  }
}
