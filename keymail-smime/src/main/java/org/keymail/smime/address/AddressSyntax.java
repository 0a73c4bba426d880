package org.keymail.smime.address;

import static org.keymail.smime.internal.VisibleText.describe;
import static org.keymail.smime.internal.VisibleText.quoted;

/**
 * The rules of {@link EmailAddress}, checked in the order that gives the most useful message: what
 * is wrong with the text as a whole (controls, blanks, invisible characters, comments, encoded
 * words), then the '@', then the local part, then the domain ({@link DomainName}).
 */
final class AddressSyntax {

  /** Longer input cannot shrink to 254 octets by any rule here; refuse it before looking at it. */
  private static final int MAX_INPUT_CHARS = 4 * EmailAddress.MAX_LENGTH;

  private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

  private AddressSyntax() {}

  static EmailAddress parse(String text) {
    if (text.isEmpty()) {
      throw refused(AddressProblem.EMPTY, "no e-mail address was given");
    }
    String shown = quoted(text);
    if (text.length() > MAX_INPUT_CHARS) {
      throw tooLong(shown);
    }
    checkEveryCharacter(text, shown);
    if (text.indexOf('(') >= 0 || text.indexOf(')') >= 0) {
      throw refused(
          AddressProblem.COMMENT,
          "the address "
              + shown
              + " contains a comment in parentheses; give the address alone, like alice@example.org");
    }
    int encoded = text.indexOf("=?");
    if (encoded >= 0 && text.indexOf("?=", encoded + 2) >= 0) {
      throw refused(
          AddressProblem.ENCODED_WORD,
          "the address "
              + shown
              + " contains an encoded word (=?…?=), which is never part of an e-mail address (RFC 2047 §5)");
    }
    int at = text.lastIndexOf('@');
    if (at < 0) {
      throw refused(
          AddressProblem.NO_AT_SIGN,
          shown + " is not an e-mail address: it has no '@' between the name and the domain");
    }
    String localPart = text.substring(0, at);
    String domain = text.substring(at + 1);
    if (localPart.startsWith("\"")) {
      throw refused(
          AddressProblem.QUOTED_LOCAL_PART,
          "the part before the '@' in "
              + shown
              + " is in quotes; keymail accepts only addresses made of letters,"
              + " digits, dots and "
              + ATEXT_SPECIALS
              + " before the '@'");
    }
    if (localPart.indexOf('@') >= 0) {
      throw refused(
          AddressProblem.MORE_THAN_ONE_AT_SIGN,
          "the address " + shown + " contains more than one '@'");
    }
    checkLocalPart(localPart, shown);
    if (domain.isEmpty()) {
      throw refused(
          AddressProblem.NO_DOMAIN, "the address " + shown + " has no domain after the '@'");
    }
    if (domain.startsWith("[")) {
      throw refused(
          AddressProblem.IP_LITERAL_DOMAIN,
          shown
              + " names an IP address instead of a domain; keymail accepts only domain names after the '@'");
    }
    DomainName name = DomainName.of(domain, shown);
    if (localPart.length() + 1 + name.ascii().length() > EmailAddress.MAX_LENGTH) {
      throw tooLong(shown);
    }
    return new EmailAddress(localPart, name.ascii(), name.unicode());
  }

  /** Characters no part of an address may hold, named with their Unicode names. */
  private static void checkEveryCharacter(String text, String shown) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      int type = Character.getType(c);
      if (type == Character.CONTROL) {
        throw refused(
            AddressProblem.CONTROL_CHARACTER,
            "the address " + shown + " contains the control character " + describe(c));
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw refused(
            AddressProblem.WHITESPACE,
            "the address "
                + shown
                + " contains a blank ("
                + describe(c)
                + "); an e-mail address has none");
      }
      if (type == Character.FORMAT
          || type == Character.UNASSIGNED
          || type == Character.PRIVATE_USE
          || type == Character.SURROGATE) {
        throw refused(
            AddressProblem.INVISIBLE_CHARACTER,
            "the address "
                + shown
                + " contains the invisible or unassigned character "
                + describe(c));
      }
    }
  }

  /** RFC 5322 §3.2.3 dot-atom, ASCII only (no RFC 6532 UTF-8 local parts). */
  private static void checkLocalPart(String localPart, String shown) {
    if (localPart.isEmpty()) {
      throw refused(
          AddressProblem.FORBIDDEN_CHARACTER,
          "the address " + shown + " has nothing before the '@'");
    }
    for (int i = 0; i < localPart.length(); ) {
      int c = localPart.codePointAt(i);
      i += Character.charCount(c);
      if (c > 0x7F) {
        throw refused(
            AddressProblem.NON_ASCII_LOCAL_PART,
            "the local part of "
                + shown
                + " contains the non-ASCII character "
                + describe(c)
                + "; keymail accepts only ASCII letters, digits, dots and "
                + ATEXT_SPECIALS
                + " before the '@', as it does not issue internationalised (SmtpUTF8Mailbox) addresses");
      }
      if (c != '.' && !isAtext(c)) {
        throw refused(
            AddressProblem.FORBIDDEN_CHARACTER,
            "the local part of "
                + shown
                + " contains "
                + describe(c)
                + ", which an e-mail address cannot hold before the '@'");
      }
    }
    if (localPart.startsWith(".") || localPart.endsWith(".") || localPart.contains("..")) {
      String where =
          localPart.startsWith(".")
              ? "starts with a dot"
              : localPart.endsWith(".") ? "ends with a dot" : "has two dots in a row";
      throw refused(AddressProblem.MISPLACED_DOT, "the local part of " + shown + " " + where);
    }
    if (localPart.length() > EmailAddress.MAX_LOCAL_PART_LENGTH) {
      throw refused(
          AddressProblem.LOCAL_PART_TOO_LONG,
          "the local part of "
              + shown
              + " is "
              + localPart.length()
              + " characters long; at most "
              + EmailAddress.MAX_LOCAL_PART_LENGTH
              + " are allowed");
    }
  }

  private static boolean isAtext(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || ATEXT_SPECIALS.indexOf(c) >= 0;
  }

  private static InvalidEmailAddressException tooLong(String shown) {
    return refused(
        AddressProblem.TOO_LONG,
        "the address "
            + shown
            + " is longer than the "
            + EmailAddress.MAX_LENGTH
            + " characters an e-mail address may have");
  }

  static InvalidEmailAddressException refused(AddressProblem problem, String message) {
    return new InvalidEmailAddressException(problem, message);
  }
}
