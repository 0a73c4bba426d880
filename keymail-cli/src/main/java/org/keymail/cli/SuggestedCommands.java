package org.keymail.cli;

import java.nio.file.Path;

/**
 * How keymail spells the shell commands it prints for a person to run next (the demos' reports), so
 * that each runs as pasted from the folder they are in: the keymail command as they typed it, and
 * paths quoted where the shell would split them.
 */
public final class SuggestedCommands {

  /**
   * The system property the launcher sets to how it was called: {@code ./keymail}, {@code
   * /home/alice/src/keymail/keymail}, or {@code keymail} when the shell finds it by that name.
   */
  public static final String LAUNCHER_PROPERTY = "keymail.command";

  /** Without the launcher (tests, {@code java -jar}): the README's form, from the source tree. */
  private static final String FROM_THE_SOURCE_TREE = "./keymail";

  private SuggestedCommands() {}

  /** The keymail command, ready to be followed by its arguments. */
  public static String keymail() {
    String typed = System.getProperty(LAUNCHER_PROPERTY, "");
    return quoted(typed.isBlank() ? FROM_THE_SOURCE_TREE : typed);
  }

  /** The path as one shell word. */
  public static String quoted(Path path) {
    return quoted(path.toString());
  }

  /** The text as one shell word: as it is when the shell would not split it, else quoted. */
  public static String quoted(String text) {
    return text.matches("[A-Za-z0-9_./@:+=-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
  }
}
