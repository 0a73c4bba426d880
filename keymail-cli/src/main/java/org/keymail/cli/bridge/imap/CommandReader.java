package org.keymail.cli.bridge.imap;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads IMAP commands (RFC 3501 §9) from a client: a tag, a command name and its arguments, which
 * are atoms, quoted strings, literals ({@code {n}} with the server's go-ahead, or {@code {n+}}
 * without, RFC 7888) and parenthesised lists. An atom may carry a bracketed section with spaces in
 * it ({@code BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.512>}) as one argument.
 */
final class CommandReader {

  /** An atom, as opposed to a string: {@code NIL}, {@code FLAGS}, {@code 1:*}. */
  record Atom(String text) {}

  /**
   * One command.
   *
   * @param arguments each an {@link Atom}, a {@code String} (quoted or literal) or a {@code List}
   */
  record Command(String tag, String name, List<Object> arguments) {}

  /** A command that does not parse; the rest of its line was skipped. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String tag;

    SyntaxException(String tag, String message) {
      super(message);
      this.tag = tag;
    }

    /** The command's tag when it was read, else {@code *}. */
    String tag() {
      return tag;
    }
  }

  static final int MAX_LITERAL = 64 * 1024;

  /** The largest message APPEND takes: the size keymail's mail API takes. */
  static final int MAX_MESSAGE = 32 * 1024 * 1024;

  /** An APPEND's message, byte for byte: mail need not be UTF-8. */
  record Message(byte[] bytes) {}

  private boolean appending;
  private boolean takesMessages;
  private static final int MAX_COMMAND = 256 * 1024;

  private final PushbackInputStream in;
  private final OutputStream out;
  private int read;

  CommandReader(InputStream in, OutputStream out) {
    this.in = new PushbackInputStream(in, 2);
    this.out = out;
  }

  /** The next command; empty when the client closed the connection. */
  Optional<Command> next() throws IOException, SyntaxException {
    read = 0;
    int first = in.read();
    if (first == -1) {
      return Optional.empty();
    }
    in.unread(first);
    String tag = "*";
    try {
      tag = plainAtom();
      if (tag.isEmpty() || tag.contains("+")) {
        throw new Malformed("a command starts with a tag");
      }
      expect(' ');
      String name = plainAtom();
      if (name.isEmpty()) {
        throw new Malformed("a command name follows the tag");
      }
      appending = name.equalsIgnoreCase("APPEND");
      List<Object> arguments = new ArrayList<>();
      while (true) {
        int c = next1();
        if (c == '\r') {
          expect('\n');
          break;
        }
        if (c == '\n') {
          break;
        }
        if (c != ' ') {
          throw new Malformed("unexpected '" + (char) c + "'");
        }
        arguments.add(value());
      }
      return Optional.of(new Command(tag, name, arguments));
    } catch (Malformed e) {
      skipLine();
      throw new SyntaxException(tag, e.getMessage());
    }
  }

  /**
   * From now on an APPEND's message may be up to {@link #MAX_MESSAGE} bytes: only once the client
   * has signed in, so that no one who has not can make the bridge hold that much.
   */
  void takeMessages() {
    takesMessages = true;
  }

  /** One line of a SASL exchange, without its line end. */
  String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (line.size() < MAX_LITERAL) {
        line.write(c);
      }
    }
    if (c == -1) {
      throw new EOFException("the client left while signing in");
    }
    String text = line.toString(StandardCharsets.UTF_8);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  private Object value() throws IOException, Malformed {
    int c = peek();
    return switch (c) {
      case '(' -> list();
      case '"' -> quoted();
      case '{' -> literal();
      default -> {
        String atom = atom();
        if (atom.isEmpty()) {
          throw new Malformed("unexpected '" + (char) c + "'");
        }
        yield new Atom(atom);
      }
    };
  }

  private List<Object> list() throws IOException, Malformed {
    expect('(');
    List<Object> items = new ArrayList<>();
    if (peek() == ')') {
      next1();
      return items;
    }
    while (true) {
      items.add(value());
      int c = next1();
      if (c == ')') {
        return items;
      }
      if (c != ' ') {
        throw new Malformed("a list's items are separated by spaces");
      }
    }
  }

  private String quoted() throws IOException, Malformed {
    expect('"');
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    while (true) {
      int c = next1();
      if (c == '"') {
        return text.toString(StandardCharsets.UTF_8);
      }
      if (c == '\\') {
        c = next1();
        if (c != '"' && c != '\\') {
          throw new Malformed("only \\\" and \\\\ are escapes in a quoted string");
        }
      }
      if (c == '\r' || c == '\n') {
        in.unread(c);
        throw new Malformed("a quoted string ends before the line");
      }
      text.write(c);
    }
  }

  private Object literal() throws IOException, Malformed {
    expect('{');
    StringBuilder digits = new StringBuilder();
    int c;
    while (Character.isDigit(c = next1())) {
      digits.append((char) c);
    }
    boolean nonSynchronizing = c == '+';
    if (nonSynchronizing) {
      c = next1();
    }
    if (c != '}' || digits.isEmpty() || digits.length() > 9) {
      throw new Malformed("a literal is {n}");
    }
    expectLineEnd();
    int length = Integer.parseInt(digits.toString());
    int most = appending && takesMessages ? MAX_MESSAGE : MAX_LITERAL;
    if (length > most) {
      if (nonSynchronizing) {
        in.skipNBytes(length);
      }
      throw new Malformed("literals of more than " + most + " bytes are not taken");
    }
    if (!nonSynchronizing) {
      out.write("+ go ahead\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new EOFException("the client left in the middle of a literal");
    }
    if (appending) {
      return new Message(bytes);
    }
    count(length);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** An atom that may hold a bracketed section ({@code BODY[HEADER.FIELDS (A B)]<0.10>}). */
  private String atom() throws IOException, Malformed {
    StringBuilder atom = new StringBuilder();
    while (true) {
      int c = peek();
      if (c == '[') {
        next1();
        atom.append('[');
        int d;
        while ((d = next1()) != ']') {
          if (d == '\r' || d == '\n') {
            throw new Malformed("a section ends with ]");
          }
          atom.append((char) d);
        }
        atom.append(']');
      } else if (atomChar(c)) {
        atom.append((char) next1());
      } else {
        return atom.toString();
      }
    }
  }

  private String plainAtom() throws IOException, Malformed {
    StringBuilder atom = new StringBuilder();
    while (atomChar(peek()) && peek() != '[') {
      atom.append((char) next1());
    }
    return atom.toString();
  }

  private static boolean atomChar(int c) {
    return c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '"';
  }

  private void expectLineEnd() throws IOException, Malformed {
    int c = next1();
    if (c == '\r') {
      c = next1();
    }
    if (c != '\n') {
      throw new Malformed("a literal's size ends the line");
    }
  }

  private void expect(char wanted) throws IOException, Malformed {
    int c = next1();
    if (c != wanted) {
      in.unread(c);
      read--;
      throw new Malformed("expected '" + wanted + "'");
    }
  }

  private int peek() throws IOException {
    int c = in.read();
    if (c == -1) {
      throw new EOFException("the client left in the middle of a command");
    }
    in.unread(c);
    return c;
  }

  private int next1() throws IOException, Malformed {
    int c = in.read();
    if (c == -1) {
      throw new EOFException("the client left in the middle of a command");
    }
    count(1);
    return c;
  }

  private void count(int bytes) throws Malformed {
    read += bytes;
    if (read > MAX_COMMAND) {
      throw new Malformed("commands of more than " + MAX_COMMAND + " bytes are not taken");
    }
  }

  private void skipLine() throws IOException {
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      // the rest of a command that did not parse
    }
  }

  /** Inside the reader: what is wrong, before the tag is attached. */
  private static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }
}
