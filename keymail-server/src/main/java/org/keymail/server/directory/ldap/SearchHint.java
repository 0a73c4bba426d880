package org.keymail.server.directory.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The text to ask the directory for, taken from an LDAP filter, so that a search reads only the
 * people who may match rather than everyone: the directory finds people whose address or name
 * contains a text, and every name attribute an entry has (cn, sn, givenName, displayName) is part
 * of the display name. The filter itself then decides, entry by entry. Address books send one text
 * in every part of an "or" ({@code (|(cn=*ann*)(mail=*ann*)(sn=*ann*))}); a filter without such a
 * text (presence, "not", different texts) reads everyone the directory gives at most.
 */
final class SearchHint {

  /** The attributes whose values contain, or are contained in, what the directory searches. */
  private static final Set<String> TEXT =
      Set.of("mail", "cn", "sn", "givenname", "displayname", "uid", "anr");

  private SearchHint() {}

  /** The text every entry {@code filter} matches contains, if one can be told. */
  static Optional<String> of(Filter filter) {
    return switch (filter.getFilterType()) {
      case Filter.FILTER_TYPE_AND ->
          Arrays.stream(filter.getComponents())
              .map(SearchHint::of)
              .flatMap(Optional::stream)
              .max(Comparator.comparingInt(String::length));
      case Filter.FILTER_TYPE_OR -> common(Arrays.asList(filter.getComponents()));
      case Filter.FILTER_TYPE_EQUALITY, Filter.FILTER_TYPE_APPROXIMATE_MATCH ->
          text(filter) ? nonBlank(filter.getAssertionValue()) : Optional.empty();
      case Filter.FILTER_TYPE_SUBSTRING -> text(filter) ? longestPiece(filter) : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static Optional<String> common(List<Filter> parts) {
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> first = of(parts.getFirst());
    if (first.isEmpty()) {
      return Optional.empty();
    }
    String lower = first.get().toLowerCase(Locale.ROOT);
    for (Filter part : parts) {
      Optional<String> hint = of(part);
      if (hint.isEmpty() || !hint.get().toLowerCase(Locale.ROOT).contains(lower)) {
        return Optional.empty();
      }
    }
    return first;
  }

  private static boolean text(Filter filter) {
    return TEXT.contains(Attribute.getBaseName(filter.getAttributeName()).toLowerCase(Locale.ROOT));
  }

  private static Optional<String> longestPiece(Filter filter) {
    String longest = "";
    for (String piece : pieces(filter)) {
      if (piece != null && piece.strip().length() > longest.length()) {
        longest = piece.strip();
      }
    }
    return nonBlank(longest);
  }

  private static List<String> pieces(Filter filter) {
    String[] any = filter.getSubAnyStrings();
    List<String> all = new java.util.ArrayList<>(Arrays.asList(any == null ? new String[0] : any));
    all.add(filter.getSubInitialString());
    all.add(filter.getSubFinalString());
    return all.stream().filter(Objects::nonNull).toList();
  }

  private static Optional<String> nonBlank(String text) {
    return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
  }
}
