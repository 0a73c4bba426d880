package org.keymail.server.webmail.read;

/**
 * A file name from a message made safe to offer for saving: no folders, no control or
 * direction-changing characters, no leading dots, not empty, at most 150 characters.
 */
final class SafeFileName {

  static final int MAX = 150;

  private SafeFileName() {}

  static String of(String name) {
    String last = name.replace('\\', '/');
    last = last.substring(last.lastIndexOf('/') + 1);
    StringBuilder safe = new StringBuilder();
    last.codePoints()
        .filter(c -> !Character.isISOControl(c))
        .filter(c -> Character.getType(c) != Character.FORMAT) // bidi overrides, zero widths
        .map(
            c ->
                c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|'
                    ? '_'
                    : c)
        .forEach(safe::appendCodePoint);
    String result = safe.toString().strip().replaceFirst("^\\.+", "");
    if (result.isEmpty()) {
      result = "attachment";
    }
    if (result.length() > MAX) {
      result = result.substring(result.length() - MAX);
    }
    return result;
  }
}
