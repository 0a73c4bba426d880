package org.keymail.cli.bridge.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One data item of a FETCH (RFC 3501 §6.4.5): a plain one ({@code FLAGS}, {@code UID}, {@code
 * RFC822.SIZE}, ...) or a body section ({@code BODY[...]}, {@code BODY.PEEK[...]}, with an optional
 * partial range {@code <origin.count>}).
 */
sealed interface FetchItem {

  /** FLAGS, UID, INTERNALDATE, RFC822.SIZE, ENVELOPE, BODYSTRUCTURE or BODY. */
  record Plain(String name) implements FetchItem {}

  /**
   * A body section.
   *
   * @param peek whether fetching it leaves the message unread ({@code BODY.PEEK})
   * @param part the part numbers, empty for the whole message
   * @param kind {@code ""}, {@code HEADER}, {@code HEADER.FIELDS}, {@code HEADER.FIELDS.NOT},
   *     {@code TEXT} or {@code MIME}
   * @param fields the field names of HEADER.FIELDS
   * @param origin where a partial fetch starts
   * @param count how many bytes a partial fetch wants
   * @param shown the item's name in the response, e.g. {@code BODY[HEADER]<0>}
   */
  record Section(
      boolean peek,
      List<Integer> part,
      String kind,
      List<String> fields,
      Optional<Long> origin,
      long count,
      String shown)
      implements FetchItem {}

  List<String> PLAIN =
      List.of("FLAGS", "UID", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODYSTRUCTURE", "BODY");

  /** The items a FETCH asks for: one atom, a macro (ALL, FAST, FULL), or a list. */
  static List<FetchItem> parse(Object argument) {
    List<FetchItem> items = new ArrayList<>();
    if (argument instanceof CommandReader.Atom atom) {
      switch (atom.text().toUpperCase(Locale.ROOT)) {
        case "ALL" -> {
          return plain("FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE");
        }
        case "FAST" -> {
          return plain("FLAGS", "INTERNALDATE", "RFC822.SIZE");
        }
        case "FULL" -> {
          return plain("FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY");
        }
        default -> items.add(one(atom.text()));
      }
    } else if (argument instanceof List<?> list && !list.isEmpty()) {
      for (Object element : list) {
        if (!(element instanceof CommandReader.Atom atom)) {
          throw new IllegalArgumentException("a FETCH item is an atom");
        }
        items.add(one(atom.text()));
      }
    } else {
      throw new IllegalArgumentException("FETCH wants the items to fetch");
    }
    return items;
  }

  private static List<FetchItem> plain(String... names) {
    List<FetchItem> items = new ArrayList<>();
    for (String name : names) {
      items.add(new Plain(name));
    }
    return items;
  }

  private static FetchItem one(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    switch (upper) {
      case "RFC822" -> {
        return new Section(false, List.of(), "", List.of(), Optional.empty(), 0, "RFC822");
      }
      case "RFC822.HEADER" -> {
        return new Section(true, List.of(), "HEADER", List.of(), Optional.empty(), 0, upper);
      }
      case "RFC822.TEXT" -> {
        return new Section(false, List.of(), "TEXT", List.of(), Optional.empty(), 0, upper);
      }
      default -> {
        if (PLAIN.contains(upper)) {
          return new Plain(upper);
        }
      }
    }
    boolean peek = upper.startsWith("BODY.PEEK[");
    if (!peek && !upper.startsWith("BODY[")) {
      throw new IllegalArgumentException("the bridge does not know the FETCH item " + text);
    }
    int open = upper.indexOf('[');
    int close = upper.indexOf(']');
    if (close < open) {
      throw new IllegalArgumentException("a section ends with ]");
    }
    String spec = upper.substring(open + 1, close);
    String rest = upper.substring(close + 1);
    Optional<Long> origin = Optional.empty();
    long count = 0;
    if (!rest.isEmpty()) {
      if (!rest.matches("<\\d{1,10}\\.\\d{1,10}>")) {
        throw new IllegalArgumentException("a partial fetch is <origin.count>, not " + rest);
      }
      String[] numbers = rest.substring(1, rest.length() - 1).split("\\.");
      origin = Optional.of(Long.parseLong(numbers[0]));
      count = Long.parseLong(numbers[1]);
    }
    String head = spec;
    List<String> fields = new ArrayList<>();
    int space = spec.indexOf(' ');
    if (space >= 0) {
      head = spec.substring(0, space);
      String list = spec.substring(space + 1).strip();
      if (!list.startsWith("(") || !list.endsWith(")")) {
        throw new IllegalArgumentException("HEADER.FIELDS wants a list of field names");
      }
      for (String name : list.substring(1, list.length() - 1).split(" +")) {
        if (!name.isEmpty()) {
          fields.add(name.replace("\"", ""));
        }
      }
    }
    List<Integer> part = new ArrayList<>();
    String kind = head;
    while (!kind.isEmpty() && Character.isDigit(kind.charAt(0))) {
      int dot = kind.indexOf('.');
      String number = dot < 0 ? kind : kind.substring(0, dot);
      if (!number.chars().allMatch(Character::isDigit) || number.length() > 5) {
        throw new IllegalArgumentException("'" + spec + "' is not a section");
      }
      part.add(Integer.parseInt(number));
      kind = dot < 0 ? "" : kind.substring(dot + 1);
    }
    boolean known =
        switch (kind) {
          case "", "HEADER", "TEXT" -> true;
          case "HEADER.FIELDS", "HEADER.FIELDS.NOT" -> !fields.isEmpty();
          case "MIME" -> !part.isEmpty();
          default -> false;
        };
    if (!known || (!fields.isEmpty() && !kind.startsWith("HEADER.FIELDS"))) {
      throw new IllegalArgumentException("'" + spec + "' is not a section the bridge knows");
    }
    String shown = "BODY[" + spec + "]" + origin.map(o -> "<" + o + ">").orElse("");
    return new Section(peek, List.copyOf(part), kind, List.copyOf(fields), origin, count, shown);
  }
}
