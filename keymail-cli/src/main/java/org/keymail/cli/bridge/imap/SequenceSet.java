package org.keymail.cli.bridge.imap;

import java.util.ArrayList;
import java.util.List;

/**
 * An IMAP sequence set (RFC 3501 §9, {@code sequence-set}): numbers and ranges such as {@code
 * 1:4,7,9:*}, where {@code *} is the largest number in use (the last message's sequence number or
 * UID). A range may be written either way round.
 */
final class SequenceSet {

  /** Stands for {@code *} until the largest number is known. */
  private static final long STAR = -1;

  private record Range(long from, long to) {}

  private final List<Range> ranges;

  private SequenceSet(List<Range> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException when it is not a sequence set
   */
  static SequenceSet parse(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("an empty sequence set");
    }
    List<Range> ranges = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      int colon = part.indexOf(':');
      if (colon < 0) {
        long n = number(part);
        ranges.add(new Range(n, n));
      } else {
        ranges.add(new Range(number(part.substring(0, colon)), number(part.substring(colon + 1))));
      }
    }
    return new SequenceSet(ranges);
  }

  private static long number(String text) {
    if (text.equals("*")) {
      return STAR;
    }
    if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("'" + text + "' is not a message number");
    }
    long n = Long.parseLong(text);
    if (n < 1 || n > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("'" + text + "' is not a message number");
    }
    return n;
  }

  /** Whether {@code n} is in the set, {@code *} being {@code largest}. */
  boolean contains(long n, long largest) {
    for (Range range : ranges) {
      long from = range.from() == STAR ? largest : range.from();
      long to = range.to() == STAR ? largest : range.to();
      if (n >= Math.min(from, to) && n <= Math.max(from, to)) {
        return true;
      }
    }
    return false;
  }

  /** Whether every number in the set is at most {@code largest} (for sequence numbers). */
  boolean within(long largest) {
    return ranges.stream()
        .allMatch(
            r ->
                (r.from() == STAR || r.from() <= largest) && (r.to() == STAR || r.to() <= largest));
  }
}
