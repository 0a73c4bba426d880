package org.keymail.smime.address;

import static org.keymail.smime.address.AddressSyntax.refused;
import static org.keymail.smime.internal.VisibleText.describe;
import static org.keymail.smime.internal.VisibleText.quoted;

import java.net.IDN;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The domain of an address, label by label, in its ASCII (A-label) and Unicode forms. See {@link
 * EmailAddress} for why IDNA2003 ({@link IDN}) is used and how its mappings are kept from changing
 * a name: a label is accepted only when its A-label converts back to the very label given, in lower
 * case.
 *
 * @param ascii the domain in lower case, internationalised labels as A-labels
 * @param unicode the domain in lower case, internationalised labels in Unicode
 */
record DomainName(String ascii, String unicode) {

  private static final int MAX_LABEL_LENGTH = 63;
  private static final String A_LABEL_PREFIX = "xn--";

  /** The full stops that IDNA treats as dots but keymail does not: they look like '.' only. */
  private static final String LOOK_ALIKE_DOTS = "\u3002\uFF0E\uFF61";

  /**
   * Checks and converts {@code domain}; {@code shown} is the whole address, quoted, for messages.
   *
   * @throws InvalidEmailAddressException the domain breaks a rule of {@link EmailAddress}
   */
  static DomainName of(String domain, String shown) {
    if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
      String where =
          domain.startsWith(".")
              ? "starts with a dot"
              : domain.endsWith(".") ? "ends with a dot" : "has two dots in a row";
      throw refused(AddressProblem.EMPTY_DOMAIN_LABEL, "the domain of " + shown + " " + where);
    }
    String[] labels = domain.split("\\.", -1);
    List<String> ascii = new ArrayList<>(labels.length);
    List<String> unicode = new ArrayList<>(labels.length);
    for (String label : labels) {
      Label converted = label(label, shown);
      ascii.add(converted.ascii());
      unicode.add(converted.unicode());
    }
    if (labels.length < 2) {
      throw refused(
          AddressProblem.SINGLE_LABEL_DOMAIN,
          "the domain of "
              + shown
              + " has a single part; a mail domain has at least two, like example.org");
    }
    String top = ascii.get(ascii.size() - 1);
    if (top.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw refused(
          AddressProblem.NUMERIC_TOP_LEVEL_DOMAIN,
          "the domain of "
              + shown
              + " ends in a number, so it is an IP address rather than a domain name");
    }
    return new DomainName(String.join(".", ascii), String.join(".", unicode));
  }

  private record Label(String ascii, String unicode) {}

  private static Label label(String label, String shown) {
    boolean isAscii = label.chars().allMatch(c -> c < 0x80);
    if (isAscii) {
      String lower = label.toLowerCase(Locale.ROOT);
      checkHostName(lower, label, shown);
      if (lower.startsWith(A_LABEL_PREFIX)) {
        String decoded = IDN.toUnicode(lower, IDN.USE_STD3_ASCII_RULES);
        // toUnicode hands back its input when the A-label does not decode.
        if (decoded.equals(lower)) {
          throw invalidALabel(label, shown);
        }
        try {
          Label again = internationalLabel(decoded, shown);
          if (!again.ascii().equals(lower)) {
            throw invalidALabel(label, shown);
          }
        } catch (InvalidEmailAddressException notAValidULabel) {
          throw invalidALabel(label, shown);
        }
        return new Label(lower, decoded);
      }
      if (lower.length() >= 4 && lower.charAt(2) == '-' && lower.charAt(3) == '-') {
        throw refused(
            AddressProblem.RESERVED_LABEL,
            "the domain part "
                + quoted(label)
                + " of "
                + shown
                + " has '--' in its third and fourth places, which is reserved for internationalised names (xn--)");
      }
      return new Label(lower, lower);
    }
    return internationalLabel(label, shown);
  }

  /** Letters, digits and '-', not at either end, at most 63 octets (RFC 1123 §2.1, STD3). */
  private static void checkHostName(String lower, String label, String shown) {
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        throw forbiddenCharacter(c, shown);
      }
    }
    if (lower.startsWith("-") || lower.endsWith("-")) {
      throw refused(
          AddressProblem.HYPHEN_AT_LABEL_END,
          "the domain part " + quoted(label) + " of " + shown + " starts or ends with '-'");
    }
    if (lower.length() > MAX_LABEL_LENGTH) {
      throw labelTooLong(label, lower.length(), shown);
    }
  }

  private static Label internationalLabel(String label, String shown) {
    int first = label.codePointAt(0);
    if (isMark(first)) {
      throw refused(
          AddressProblem.LABEL_STARTS_WITH_MARK,
          "a part of the domain of "
              + shown
              + " starts with the combining mark "
              + describe(first));
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      throw refused(
          AddressProblem.HYPHEN_AT_LABEL_END,
          "the domain part " + quoted(label) + " of " + shown + " starts or ends with '-'");
    }
    for (int i = 0; i < label.length(); ) {
      int c = label.codePointAt(i);
      i += Character.charCount(c);
      boolean allowed =
          c == '-'
              || Character.isLetter(c)
              || isMark(c)
              || Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER;
      if (!allowed) {
        throw forbiddenCharacter(c, shown);
      }
    }
    if (!Normalizer.isNormalized(label, Normalizer.Form.NFC)) {
      throw refused(
          AddressProblem.DOMAIN_NOT_NFC,
          "the domain part "
              + quoted(label)
              + " of "
              + shown
              + " is not in composed form (Unicode NFC): write each accented letter as one character");
    }
    String ascii;
    try {
      ascii = IDN.toASCII(label, IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException refusedByIdna) {
      throw idnaRefuses(label, shown);
    }
    String lower = label.toLowerCase(Locale.ROOT);
    String back = IDN.toUnicode(ascii, IDN.USE_STD3_ASCII_RULES);
    if (!back.equals(lower) || !ascii.startsWith(A_LABEL_PREFIX)) {
      throw idnaChanges(label, shown);
    }
    if (ascii.length() > MAX_LABEL_LENGTH) {
      throw labelTooLong(label, ascii.length(), shown);
    }
    return new Label(ascii, lower);
  }

  private static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static InvalidEmailAddressException forbiddenCharacter(int c, String shown) {
    String hint =
        LOOK_ALIKE_DOTS.indexOf(c) >= 0 ? " (write '.' between the parts of a domain)" : "";
    return refused(
        AddressProblem.FORBIDDEN_DOMAIN_CHARACTER,
        "the domain of "
            + shown
            + " contains "
            + describe(c)
            + "; a domain may hold only letters, digits, '-' and dots"
            + hint);
  }

  private static InvalidEmailAddressException labelTooLong(String label, int length, String shown) {
    return refused(
        AddressProblem.DOMAIN_LABEL_TOO_LONG,
        "the domain part "
            + quoted(label)
            + " of "
            + shown
            + " is "
            + length
            + " characters long in ASCII; at most "
            + MAX_LABEL_LENGTH
            + " are allowed");
  }

  private static InvalidEmailAddressException invalidALabel(String label, String shown) {
    return refused(
        AddressProblem.INVALID_A_LABEL,
        "the domain part "
            + quoted(label)
            + " of "
            + shown
            + " starts with xn-- but is not a valid internationalised name (IDNA A-label)");
  }

  /** Names the first character IDNA would map to something else, when one alone shows it. */
  private static InvalidEmailAddressException idnaChanges(String label, String shown) {
    for (int i = 0; i < label.length(); ) {
      int c = label.codePointAt(i);
      i += Character.charCount(c);
      String alone = new String(Character.toChars(c));
      String lower = alone.toLowerCase(Locale.ROOT);
      try {
        String back =
            IDN.toUnicode(IDN.toASCII(alone, IDN.USE_STD3_ASCII_RULES), IDN.USE_STD3_ASCII_RULES);
        if (!back.equals(lower)) {
          return refused(
              AddressProblem.IDNA_CHANGES_DOMAIN,
              "the domain of "
                  + shown
                  + " contains "
                  + describe(c)
                  + ", which IDNA would silently turn into "
                  + quoted(back)
                  + "; keymail refuses the domain rather than change it");
        }
      } catch (IllegalArgumentException notAloneEither) {
        // this character is not the one; go on
      }
    }
    return refused(
        AddressProblem.IDNA_CHANGES_DOMAIN,
        "the domain part "
            + quoted(label)
            + " of "
            + shown
            + " would not stay the same through IDNA conversion; keymail refuses the domain rather than change it");
  }

  /** Names the first character IDNA refuses on its own, else says what else it refuses. */
  private static InvalidEmailAddressException idnaRefuses(String label, String shown) {
    for (int i = 0; i < label.length(); ) {
      int c = label.codePointAt(i);
      i += Character.charCount(c);
      try {
        IDN.toASCII(new String(Character.toChars(c)), IDN.USE_STD3_ASCII_RULES);
      } catch (IllegalArgumentException refusedAlone) {
        return refused(
            AddressProblem.IDNA_REFUSES_DOMAIN,
            "the domain of "
                + shown
                + " contains "
                + describe(c)
                + ", which internationalised domain names (IDNA2003, Unicode 3.2) do not allow");
      }
    }
    return refused(
        AddressProblem.IDNA_REFUSES_DOMAIN,
        "the domain part "
            + quoted(label)
            + " of "
            + shown
            + " cannot be converted to ASCII (IDNA2003): it mixes left-to-right and right-to-left letters or is too long");
  }
}
