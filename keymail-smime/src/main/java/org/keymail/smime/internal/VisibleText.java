package org.keymail.smime.internal;

import java.util.Locale;

/**
 * Makes text from outside (a header a sender wrote, an address a user typed) safe to put in a
 * message a person reads: characters that do not show, or that change how the text around them
 * shows (controls, zero-width and direction marks, line breaks, unassigned code points), are
 * written as {@code [U+200B]}, and long text is cut. Without this a right-to-left override in a
 * From header could reorder the very warning that names it.
 *
 * <p>Internal: not part of keymail's API.
 */
public final class VisibleText {

  /** How many code points of outside text a message shows before cutting it. */
  public static final int SHOWN_CODE_POINTS = 100;

  private VisibleText() {}

  /** {@code text} quoted in single quotes and made safe to show (see the class comment). */
  public static String quoted(String text) {
    return "'" + of(text) + "'";
  }

  /** {@code text} made safe to show, at most {@value #SHOWN_CODE_POINTS} code points of it. */
  public static String of(String text) {
    return escaped(text, SHOWN_CODE_POINTS);
  }

  /** {@code text} made safe to show, all of it (for names keymail chose to show whole). */
  public static String escaped(String text) {
    return escaped(text, Integer.MAX_VALUE);
  }

  private static String escaped(String text, int limit) {
    if (text == null) {
      return "";
    }
    StringBuilder shown = new StringBuilder(Math.min(text.length(), limit) + 8);
    int count = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (count++ == limit) {
        shown.append('…');
        break;
      }
      if (isShowable(codePoint)) {
        shown.appendCodePoint(codePoint);
      } else {
        shown.append('[').append(codePointNumber(codePoint)).append(']');
      }
    }
    return shown.toString();
  }

  /**
   * One character as a person can identify it: {@code 'а' (U+0430 CYRILLIC SMALL LETTER A)} for a
   * character that shows, {@code U+200B ZERO WIDTH SPACE} for one that does not.
   */
  public static String describe(int codePoint) {
    String name = Character.getName(codePoint);
    String named = codePointNumber(codePoint) + " " + (name == null ? "unassigned" : name);
    int type = Character.getType(codePoint);
    boolean standsAlone =
        type != Character.NON_SPACING_MARK
            && type != Character.ENCLOSING_MARK
            && type != Character.COMBINING_SPACING_MARK;
    if (isShowable(codePoint) && standsAlone && codePoint != ' ') {
      return "'" + new String(Character.toChars(codePoint)) + "' (" + named + ")";
    }
    return named;
  }

  /** {@code U+0430}: the code point's number as Unicode writes it. */
  public static String codePointNumber(int codePoint) {
    return String.format(Locale.ROOT, "U+%04X", codePoint);
  }

  /**
   * Whether a code point shows as itself: not a control, format (zero-width, direction), separator
   * other than the space, surrogate, private-use or unassigned character.
   */
  public static boolean isShowable(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      case Character.SPACE_SEPARATOR -> codePoint == ' ';
      default -> true;
    };
  }
}
