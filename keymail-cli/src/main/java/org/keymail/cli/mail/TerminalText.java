package org.keymail.cli.mail;

/**
 * Text from a message made safe to print: the sender wrote it, and a control character (an escape
 * sequence) could rewrite what the terminal shows, the verdict line included.
 */
public final class TerminalText {

  private TerminalText() {}

  /** {@code text} on one line: line breaks and other control characters become spaces. */
  public static String line(String text) {
    StringBuilder shown = new StringBuilder(text.length());
    text.codePoints()
        .forEach(c -> shown.appendCodePoint(Character.isISOControl(c) || isFormat(c) ? ' ' : c));
    return shown.toString();
  }

  /** {@code text} with its lines and tabs, every other control character left out. */
  static String lines(String text) {
    StringBuilder shown = new StringBuilder(text.length());
    text.replace("\r\n", "\n")
        .codePoints()
        .forEach(
            c -> {
              if (c == '\n' || c == '\t' || !(Character.isISOControl(c) || isFormat(c))) {
                shown.appendCodePoint(c);
              }
            });
    return shown.toString();
  }

  /** Bidirectional overrides and other invisible format characters, which can reorder text. */
  private static boolean isFormat(int c) {
    return Character.getType(c) == Character.FORMAT && c != 0x200D; // keep emoji joiners
  }
}
