package org.keymail.cli.bridge.imap;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The system flags of RFC 9051 §2.3.2 that the bridge keeps on the mail server, in the spelling it
 * answers with whatever case the client wrote them in. {@code \Recent} is the server's own, and
 * keywords ({@code $Forwarded}, {@code Junk}) are not kept: PERMANENTFLAGS says so.
 */
public final class StandardFlags {

  public static final String SEEN = "\\Seen";
  public static final String ANSWERED = "\\Answered";
  public static final String FLAGGED = "\\Flagged";
  public static final String DELETED = "\\Deleted";
  public static final String DRAFT = "\\Draft";

  /** Every flag kept, in the order FLAGS lists them. */
  public static final List<String> ALL = List.of(SEEN, ANSWERED, FLAGGED, DELETED, DRAFT);

  private StandardFlags() {}

  /** The flag as the bridge spells it, when it is one it keeps. */
  public static Optional<String> known(String given) {
    String lower = given.toLowerCase(Locale.ROOT);
    return ALL.stream().filter(f -> f.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
  }

  /** Flags in the order FLAGS lists them, separated by spaces. */
  static String shown(java.util.Set<String> flags) {
    return String.join(" ", ALL.stream().filter(flags::contains).toList());
  }
}
