package org.keymail.smime.address;

import static org.keymail.smime.internal.VisibleText.describe;
import static org.keymail.smime.internal.VisibleText.quoted;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an RFC 5322 §3.4 address-list: a tokenizer (atoms, quoted strings, comments, domain
 * literals, specials) and a recursive descent over it. Accepts the obsolete forms real mail still
 * carries (dots in display names, blanks around the dots of an address, empty list elements) and
 * RFC 6532 UTF-8 in names; refuses source routes, nested groups and anything it would have to guess
 * at. Failures are {@link Unreadable}, caught once in {@link #parse(String)}.
 */
final class AddressListParser {

  /** Comments nest; deeper than this is not a name, it is an attack on the reader. */
  private static final int MAX_COMMENT_DEPTH = 32;

  private enum Kind {
    ATOM,
    QUOTED,
    DOMAIN_LITERAL,
    COMMENT,
    BLANK,
    SPECIAL
  }

  /**
   * One token.
   *
   * @param text the token's content: an atom's text, a quoted string's or comment's content with
   *     quoted pairs resolved, a special's character
   * @param raw the token as written
   */
  private record Token(Kind kind, String text, String raw) {
    boolean is(char special) {
      return kind == Kind.SPECIAL && text.charAt(0) == special;
    }
  }

  /** Why the value cannot be read; carries a message a person reads. */
  private static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String why) {
      super(why, null, false, false);
    }
  }

  private final List<Token> tokens;
  private int position;
  private List<String> comments = new ArrayList<>();

  private AddressListParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static AddressList parse(String value) {
    try {
      AddressListParser parser = new AddressListParser(tokenize(value));
      return new AddressList(value, parser.addressList(), Optional.empty());
    } catch (Unreadable unreadable) {
      return new AddressList(value, List.of(), Optional.of(unreadable.getMessage()));
    }
  }

  // ---- tokens

  private static List<Token> tokenize(String value) throws Unreadable {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        int start = i;
        while (i < value.length() && " \t\r\n".indexOf(value.charAt(i)) >= 0) {
          i++;
        }
        tokens.add(new Token(Kind.BLANK, " ", value.substring(start, i)));
      } else if (c == '"') {
        i = delimited(value, i, '"', Kind.QUOTED, tokens);
      } else if (c == '[') {
        i = delimited(value, i, ']', Kind.DOMAIN_LITERAL, tokens);
      } else if (c == '(') {
        i = comment(value, i, tokens);
      } else if (c == ')') {
        throw new Unreadable("it has a ')' without a '(' before it");
      } else if (c == ']') {
        throw new Unreadable("it has a ']' without a '[' before it");
      } else if (c == '\\') {
        throw new Unreadable("it has a '\\' outside quotes");
      } else if ("<>@,;:.".indexOf(c) >= 0) {
        tokens.add(new Token(Kind.SPECIAL, String.valueOf(c), String.valueOf(c)));
        i++;
      } else if (Character.isISOControl(c)) {
        throw new Unreadable("it contains the control character " + describe(c));
      } else {
        int start = i;
        while (i < value.length() && isAtomChar(value.charAt(i))) {
          i++;
        }
        String atom = value.substring(start, i);
        tokens.add(new Token(Kind.ATOM, atom, atom));
      }
    }
    return tokens;
  }

  /** RFC 5322 atext, and any non-ASCII character (RFC 6532). */
  private static boolean isAtomChar(char c) {
    return !Character.isISOControl(c) && " \t\r\n\"()[]\\<>@,;:.".indexOf(c) < 0;
  }

  /** A quoted string or domain literal starting at {@code start}; returns the index after it. */
  private static int delimited(String value, int start, char close, Kind kind, List<Token> tokens)
      throws Unreadable {
    StringBuilder content = new StringBuilder();
    int i = start + 1;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        content.append(value.charAt(i + 1));
        i += 2;
      } else if (c == close) {
        tokens.add(new Token(kind, content.toString(), value.substring(start, i + 1)));
        return i + 1;
      } else if (kind == Kind.DOMAIN_LITERAL && (c == '[' || c == '\\')) {
        throw new Unreadable("it has a '" + c + "' inside an address literal [ ]");
      } else if (Character.isISOControl(c) && c != '\t') {
        throw new Unreadable("it contains the control character " + describe(c));
      } else {
        content.append(c);
        i++;
      }
    }
    throw new Unreadable(
        kind == Kind.QUOTED
            ? "a quoted text is not closed with '\"'"
            : "an address literal is not closed with ']'");
  }

  private static int comment(String value, int start, List<Token> tokens) throws Unreadable {
    StringBuilder content = new StringBuilder();
    int depth = 0;
    int i = start;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        content.append(value.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c == '(') {
        if (++depth > MAX_COMMENT_DEPTH) {
          throw new Unreadable("its comments are nested more than " + MAX_COMMENT_DEPTH + " deep");
        }
        if (depth > 1) {
          content.append(c);
        }
      } else if (c == ')') {
        if (--depth == 0) {
          tokens.add(new Token(Kind.COMMENT, content.toString(), value.substring(start, i + 1)));
          return i + 1;
        }
        content.append(c);
      } else if (Character.isISOControl(c) && c != '\t') {
        throw new Unreadable("it contains the control character " + describe(c));
      } else {
        content.append(c);
      }
      i++;
    }
    throw new Unreadable("a comment is not closed with ')'");
  }

  // ---- grammar

  private List<AddressList.Entry> addressList() throws Unreadable {
    List<AddressList.Entry> entries = new ArrayList<>();
    while (true) {
      skipBlanks();
      if (atEnd()) {
        return entries;
      }
      if (peek().is(',')) {
        position++; // an empty element (RFC 5322 §4.4 obs-addr-list)
        continue;
      }
      entries.add(address(true));
      skipBlanks();
      if (atEnd()) {
        return entries;
      }
      if (!peek().is(',')) {
        throw unexpected("after an address");
      }
      position++;
    }
  }

  /** A mailbox, or a group when {@code groupAllowed}. */
  private AddressList.Entry address(boolean groupAllowed) throws Unreadable {
    comments = new ArrayList<>();
    List<Token> words = new ArrayList<>();
    while (true) {
      skipBlanksKeeping(words);
      if (atEnd()) {
        break;
      }
      Token next = peek();
      if (next.kind() == Kind.ATOM || next.kind() == Kind.QUOTED || next.is('.')) {
        words.add(next);
        position++;
      } else {
        break;
      }
    }
    trimBlanks(words);
    if (atEnd() || peek().is(',') || peek().is(';')) {
      throw new Unreadable(
          words.isEmpty()
              ? "an element of the list is empty"
              : quoted(raw(words)) + " is a name without an address");
    }
    Token next = peek();
    if (next.is('<')) {
      position++;
      Optional<String> displayName =
          words.isEmpty() ? Optional.empty() : Optional.of(displayText(words));
      String addrSpec = angleAddress();
      skipBlanks(); // a comment after '>' belongs to this mailbox
      return mailbox(displayName, addrSpec);
    }
    if (next.is(':')) {
      if (!groupAllowed) {
        throw new Unreadable("it has a group inside a group");
      }
      if (words.isEmpty()) {
        throw new Unreadable("it has a group without a name");
      }
      position++;
      return group(displayText(words));
    }
    if (next.is('@')) {
      if (words.isEmpty()) {
        throw new Unreadable("it has an address with nothing before the '@'");
      }
      if (words.stream().anyMatch(w -> w.kind() == Kind.BLANK) && !blanksOnlyAroundDots(words)) {
        throw new Unreadable(
            quoted(raw(words)) + " is a name where the part of an address before '@' belongs");
      }
      position++;
      String addrSpec = raw(withoutBlanks(words)) + "@" + domain();
      skipBlanks();
      return mailbox(Optional.empty(), addrSpec);
    }
    throw unexpected(words.isEmpty() ? "where an address belongs" : "after " + quoted(raw(words)));
  }

  private AddressList.Mailbox mailbox(Optional<String> displayName, String addrSpec) {
    List<String> decodedComments = comments.stream().map(EncodedWords::decode).toList();
    return new AddressList.Mailbox(
        displayName, decodedComments, addrSpec, EmailAddress.read(addrSpec));
  }

  private AddressList.Group group(String name) throws Unreadable {
    List<AddressList.Mailbox> members = new ArrayList<>();
    while (true) {
      skipBlanks();
      if (atEnd()) {
        throw new Unreadable("the group " + quoted(name) + " does not end with ';'");
      }
      if (peek().is(';')) {
        position++;
        return new AddressList.Group(name, members);
      }
      if (peek().is(',')) {
        position++;
        continue;
      }
      members.add((AddressList.Mailbox) address(false));
      skipBlanks();
      if (!atEnd() && !peek().is(',') && !peek().is(';')) {
        throw unexpected("after an address of the group " + quoted(name));
      }
    }
  }

  /** After '<': addr-spec, then '>'. */
  private String angleAddress() throws Unreadable {
    skipBlanks();
    if (!atEnd() && peek().is('@')) {
      throw new Unreadable("it has a source route (<@host:…>), which mail no longer uses");
    }
    if (!atEnd() && peek().is('>')) {
      throw new Unreadable("it has an empty address '<>'");
    }
    List<Token> local = new ArrayList<>();
    while (!atEnd()
        && (peek().kind() == Kind.ATOM || peek().kind() == Kind.QUOTED || peek().is('.'))) {
      local.add(peek());
      position++;
      skipBlanks();
    }
    if (atEnd() || !peek().is('@')) {
      throw atEnd()
          ? new Unreadable("a '<' is not closed with '>'")
          : unexpected(local.isEmpty() ? "after '<'" : "where the '@' of an address belongs");
    }
    if (local.isEmpty()) {
      throw new Unreadable("it has an address with nothing before the '@'");
    }
    position++;
    String domain = domain();
    skipBlanks();
    if (atEnd()) {
      throw new Unreadable("a '<' is not closed with '>'");
    }
    if (!peek().is('>')) {
      throw unexpected("where the '>' closing an address belongs");
    }
    position++;
    return raw(local) + "@" + domain;
  }

  /** After '@': a dot-atom domain or a domain literal, blanks around its dots allowed. */
  private String domain() throws Unreadable {
    skipBlanks();
    if (!atEnd() && peek().kind() == Kind.DOMAIN_LITERAL) {
      return tokens.get(position++).raw();
    }
    StringBuilder domain = new StringBuilder();
    while (!atEnd() && (peek().kind() == Kind.ATOM || peek().is('.'))) {
      domain.append(tokens.get(position++).raw());
      int before = position;
      skipBlanks();
      if (!atEnd() && peek().kind() == Kind.ATOM && !domain.toString().endsWith(".")) {
        position =
            before; // a blank between two atoms ends the domain; what follows is judged by the
        // caller
        break;
      }
    }
    if (domain.isEmpty()) {
      throw new Unreadable("it has an address with no domain after the '@'");
    }
    return domain.toString();
  }

  // ---- helpers

  /** The display name as the most lenient client shows it: words joined, encoded words decoded. */
  private static String displayText(List<Token> words) {
    StringBuilder text = new StringBuilder();
    for (Token word : words) {
      text.append(word.kind() == Kind.BLANK ? " " : word.text());
    }
    return EncodedWords.decode(text.toString());
  }

  private static String raw(List<Token> words) {
    StringBuilder text = new StringBuilder();
    for (Token word : words) {
      text.append(word.raw());
    }
    return text.toString();
  }

  private static List<Token> withoutBlanks(List<Token> words) {
    return words.stream().filter(w -> w.kind() != Kind.BLANK).toList();
  }

  /** Whether every blank in {@code words} stands next to a dot ({@code alice . smith}). */
  private static boolean blanksOnlyAroundDots(List<Token> words) {
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).kind() == Kind.BLANK) {
        boolean dotBefore = i > 0 && words.get(i - 1).is('.');
        boolean dotAfter = i + 1 < words.size() && words.get(i + 1).is('.');
        if (!dotBefore && !dotAfter) {
          return false;
        }
      }
    }
    return true;
  }

  private static void trimBlanks(List<Token> words) {
    while (!words.isEmpty() && words.get(words.size() - 1).kind() == Kind.BLANK) {
      words.remove(words.size() - 1);
    }
    while (!words.isEmpty() && words.get(0).kind() == Kind.BLANK) {
      words.remove(0);
    }
  }

  /** Skips blanks and comments (keeping the comments for the entry). */
  private void skipBlanks() {
    while (!atEnd() && (peek().kind() == Kind.BLANK || peek().kind() == Kind.COMMENT)) {
      if (peek().kind() == Kind.COMMENT) {
        comments.add(peek().text());
      }
      position++;
    }
  }

  /**
   * Like {@link #skipBlanks()}, but a blank between words is kept in {@code words} as one space.
   */
  private void skipBlanksKeeping(List<Token> words) {
    boolean blank = false;
    while (!atEnd() && (peek().kind() == Kind.BLANK || peek().kind() == Kind.COMMENT)) {
      if (peek().kind() == Kind.COMMENT) {
        comments.add(peek().text());
      }
      blank = true;
      position++;
    }
    if (blank && !words.isEmpty()) {
      words.add(new Token(Kind.BLANK, " ", " "));
    }
  }

  private boolean atEnd() {
    return position >= tokens.size();
  }

  private Token peek() {
    return tokens.get(position);
  }

  private Unreadable unexpected(String where) {
    Token token = peek();
    return new Unreadable("it has " + quoted(token.raw()) + " " + where);
  }
}
