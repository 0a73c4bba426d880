package org.keymail.smime.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keymail.smime.address.EmailAddress;

/** Every reason code has English words, and every argument it lists shows in them, safely. */
class VerdictTextsTest {

  private static final ResourceBundle ENGLISH =
      ResourceBundle.getBundle("org.keymail.smime.verdict.VerdictTexts", Locale.ROOT);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)");

  @ParameterizedTest
  @EnumSource(ReasonCode.class)
  void everyCodeRendersWithEachOfItsArguments(ReasonCode code) {
    String pattern = ENGLISH.getString(code.name());
    Matcher placeholders = PLACEHOLDER.matcher(pattern);
    int count = 0;
    while (placeholders.find()) {
      count = Math.max(count, Integer.parseInt(placeholders.group(1)) + 1);
    }
    Object[] arguments = new Object[count];
    for (int i = 0; i < count; i++) {
      arguments[i] = "argument-" + i;
    }
    String text = VerdictTexts.english().text(Finding.of(code, arguments));
    assertThat(text).isNotBlank().doesNotContain("{").doesNotContain("''");
    for (Object argument : arguments) {
      assertThat(text).contains((String) argument);
    }
    String reason = VerdictTexts.english().reason(Finding.of(code, arguments));
    if (code.severity() == ReasonCode.Severity.UNTRUSTED) {
      assertThat(reason).isEqualTo("the signature is valid, but " + text);
    } else {
      assertThat(reason).isEqualTo(text);
    }
  }

  @Test
  void argumentsShowAsPeopleReadThemAndCannotHideText() {
    Finding finding =
        Finding.of(
            ReasonCode.FROM_NOT_SIGNER,
            EmailAddress.parse("alice@bücher.example"),
            List.of(
                EmailAddress.parse("bob@example.org"), EmailAddress.parse("carol@example.org")));
    assertThat(finding.text())
        .isEqualTo(
            "the message says it is from alice@xn--bcher-kva.example while it was signed by bob@example.org, carol@example.org");
    assertThat(
            Finding.of(ReasonCode.CERTIFICATE_EXPIRED, Instant.parse("2027-01-01T00:00:00Z"))
                .text())
        .isEqualTo("the signer's certificate expired on 2027-01-01T00:00:00Z");
    assertThat(Finding.of(ReasonCode.PATH_TOO_LONG, "CN=CA\u202Eevil", 1000, 1001).text())
        .isEqualTo(
            "the chain is longer than the authority CN=CA[U+202E]evil allows: its path length constraint permits"
                + " 1000 intermediate authorities below it, the chain has 1001");
  }

  @Test
  void aLanguageWithoutATranslationGetsEnglish() {
    Finding finding = Finding.of(ReasonCode.FROM_MISSING);
    assertThat(VerdictTexts.forLocale(Locale.JAPANESE).text(finding)).isEqualTo(finding.text());
    assertThat(VerdictTexts.forLocale(Locale.GERMAN).trusted())
        .isEqualTo("the signature is valid and the signer is trusted");
  }
}
