package org.keymail.smime.verdict;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule a signature failed (or one note about it): a stable {@link ReasonCode} and the arguments
 * its text needs, as listed on the code. {@link VerdictTexts} renders the text.
 *
 * @param code which rule
 * @param arguments the addresses, dates, names and numbers the text shows; text that came from
 *     outside (headers, certificates) is kept as found and made safe when rendered
 * @param detail what a library reported, for logs and support reports only: never shown to a
 *     person, because its words are a library's internals
 */
public record Finding(ReasonCode code, List<Object> arguments, Optional<String> detail) {

  /** Most serious first: by severity, then by the order of the codes. */
  static final Comparator<Finding> MOST_SERIOUS_FIRST =
      Comparator.comparing((Finding f) -> f.code().severity()).thenComparing(Finding::code);

  public Finding {
    Objects.requireNonNull(code, "code");
    arguments = List.copyOf(arguments);
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * A finding with {@code arguments} and no detail. A missing argument (a revocation check that
   * gives no reason, say) shows as nothing rather than failing the verdict.
   */
  public static Finding of(ReasonCode code, Object... arguments) {
    return new Finding(
        code, Arrays.stream(arguments).map(a -> a == null ? "" : a).toList(), Optional.empty());
  }

  /** A finding whose library detail goes to logs only. */
  static Finding withDetail(ReasonCode code, String detail) {
    return new Finding(code, List.of(), Optional.ofNullable(detail));
  }

  public ReasonCode.Severity severity() {
    return code.severity();
  }

  /** The finding's text in English, as {@link VerdictTexts#english()} renders it. */
  public String text() {
    return VerdictTexts.english().text(this);
  }
}
