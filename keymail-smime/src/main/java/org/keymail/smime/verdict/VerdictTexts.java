package org.keymail.smime.verdict;

import java.text.MessageFormat;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.stream.Collectors;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.internal.VisibleText;

/**
 * Renders {@link Finding}s as text a person reads, from the resource bundle {@code
 * org/keymail/smime/verdict/VerdictTexts.properties} (English) and its translations. Arguments are
 * made safe on the way: text from a header or a certificate cannot hide or reorder the words around
 * it (see {@link VisibleText}).
 *
 * <p>Immutable and safe to share.
 */
public final class VerdictTexts {

  private static final String BUNDLE = "org.keymail.smime.verdict.VerdictTexts";
  private static final VerdictTexts ENGLISH = new VerdictTexts(Locale.ENGLISH);

  private final Locale locale;
  private final ResourceBundle texts;

  private VerdictTexts(Locale locale) {
    this.locale = locale;
    // No fallback to the JVM's default locale: a server in France still writes English logs.
    this.texts =
        ResourceBundle.getBundle(
            BUNDLE,
            locale,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** The English texts, which the CLI prints and {@link Verdict#reason()} returns. */
  public static VerdictTexts english() {
    return ENGLISH;
  }

  /** The texts in {@code locale}'s language where a translation exists, else English. */
  public static VerdictTexts forLocale(Locale locale) {
    return new VerdictTexts(Objects.requireNonNull(locale, "locale"));
  }

  /** The finding's own text, e.g. "the signer's certificate expired on 2027-01-01T00:00:00Z". */
  public String text(Finding finding) {
    String pattern;
    try {
      pattern = texts.getString(finding.code().name());
    } catch (MissingResourceException untranslated) {
      pattern = ENGLISH.texts.getString(finding.code().name());
    }
    Object[] arguments = finding.arguments().stream().map(VerdictTexts::shown).toArray();
    return new MessageFormat(pattern, locale).format(arguments);
  }

  /**
   * The finding as the reason of a verdict: the text framed by what still holds, e.g. "the
   * signature is valid, but the signer's certificate expired on …" for a rule that keeps keymail
   * from vouching for the signer.
   */
  public String reason(Finding finding) {
    String text = text(finding);
    if (finding.severity() == ReasonCode.Severity.UNTRUSTED) {
      return new MessageFormat(texts.getString("verdict.untrusted"), locale)
          .format(new Object[] {text});
    }
    return text;
  }

  /** The reason of a verdict that failed no rule. */
  public String trusted() {
    return texts.getString("verdict.trusted");
  }

  /** An argument as shown: addresses in ASCII, lists joined, outside text made safe. */
  private static String shown(Object argument) {
    return switch (argument) {
      case EmailAddress address -> address.ascii();
      case Instant instant -> instant.toString();
      case Number number -> number.toString(); // no grouping: "1000 authorities", not "1,000"
      case Collection<?> items ->
          items.stream().map(VerdictTexts::shown).collect(Collectors.joining(", "));
      default -> VisibleText.escaped(String.valueOf(argument));
    };
  }
}
