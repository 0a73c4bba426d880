package org.keymail.smime.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.smime.testing.GeneratedCases.oneOf;

import java.net.IDN;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.keymail.smime.internal.VisibleText;
import org.keymail.smime.testing.GeneratedCases;

/**
 * Over generated Unicode addresses — look-alike letters from other scripts, accents, fullwidth
 * forms, combining marks, controls, direction marks, zero-width characters — parsing either refuses
 * with a message safe to show, or yields an address whose ASCII form is printable ASCII and names
 * the same mailbox: no character changed (other than the domain's case and its A-label form) and
 * none dropped. A failure names the run's seed ({@link GeneratedCases}).
 */
class EmailAddressPropertiesTest {

  private static final String ATEXT =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~";
  private static final String LDH =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";

  /**
   * Characters that look like ASCII letters or like nothing at all, and the specials of RFC 5322.
   */
  private static final List<String> TRICKY =
      codePoints(
          // Cyrillic and Greek look-alikes, dotless i, script l
          "а",
          "е",
          "о",
          "р",
          "с",
          "х",
          "у",
          "і",
          "ѕ",
          "ο",
          "α",
          "ε",
          "ν",
          "ρ",
          "ı",
          "ℓ",
          // accented and case-special letters
          "é",
          "ü",
          "ñ",
          "ß",
          "ç",
          "Å",
          "İ",
          "ς",
          "Σ",
          // fullwidth forms and look-alike dots and at signs
          "ａ",
          "ｅ",
          "０",
          "＠",
          "．",
          "。",
          "｡",
          "﹫",
          // combining marks
          "\u0301",
          "\u0308",
          "\u0327",
          "\u20DD",
          // controls
          "\u0000",
          "\t",
          "\r",
          "\n",
          "\u001B",
          "\u007F",
          "\u0085",
          // direction marks and overrides
          "\u200E",
          "\u200F",
          "\u202A",
          "\u202B",
          "\u202E",
          "\u2066",
          "\u061C",
          // zero-width characters and the soft hyphen
          "\u200B",
          "\u200C",
          "\u200D",
          "\uFEFF",
          "\u2060",
          "\u00AD",
          // blanks
          " ",
          "\u00A0",
          "\u2028",
          "\u3000",
          // RFC 5322 specials and quoting
          "<",
          ">",
          "\"",
          "(",
          ")",
          "[",
          "]",
          "\\",
          ",",
          ";",
          ":",
          "@",
          ".",
          // other scripts, symbols, supplementary planes, a lone surrogate
          "א",
          "ب",
          "中",
          "ก",
          "♥",
          "😀",
          "𝐚",
          "\uD800",
          "\uE000");

  @Test
  void parsingRefusesOrKeepsTheMailboxGiven() {
    GeneratedCases.check(
        "refused or kept",
        5000,
        EmailAddressPropertiesTest::generatedAddress,
        EmailAddressPropertiesTest::checkRefusedOrKept);
  }

  @Test
  void anyUnicodeTextIsRefusedOrKeptToo() {
    GeneratedCases.check(
        "any text refused or kept",
        2000,
        r -> anyText(r) + "@" + anyText(r),
        EmailAddressPropertiesTest::checkRefusedOrKept);
  }

  @Test
  void aNonAsciiLocalPartIsAlwaysRefusedAndItsCharacterNamed() {
    List<String> lookAlikes =
        List.of("а", "е", "о", "р", "с", "х", "ο", "α", "é", "ü", "ａ", "ı", "İ", "😀", "ß");
    GeneratedCases.check(
        "non-ASCII local part refused",
        1000,
        r -> oneOf(r, lookAlikes) + from(r, "abcxyz0189", 1, 10) + "@example.org",
        text -> {
          InvalidEmailAddressException refused = refusal(text);
          assertThat(refused.problem()).isEqualTo(AddressProblem.NON_ASCII_LOCAL_PART);
          assertThat(refused.getMessage()).contains(VisibleText.describe(text.codePointAt(0)));
        });
  }

  private static void checkRefusedOrKept(String text) {
    AddressReading reading = EmailAddress.read(text);
    EmailAddress address;
    try {
      address = EmailAddress.parse(text);
    } catch (InvalidEmailAddressException refused) {
      assertThat(reading)
          .isEqualTo(new AddressReading.Unusable(text, refused.problem(), refused.getMessage()));
      assertSafeToShow(refused.getMessage());
      return;
    }
    assertThat(reading.address()).contains(address);
    String ascii = address.ascii();
    assertThat(ascii.chars().allMatch(c -> c > 0x20 && c < 0x7F))
        .as("printable ASCII: %s", ascii)
        .isTrue();
    assertThat(ascii.length()).isLessThanOrEqualTo(EmailAddress.MAX_LENGTH);
    assertThat(address.localPart().length())
        .isLessThanOrEqualTo(EmailAddress.MAX_LOCAL_PART_LENGTH);

    // The same mailbox: the local part exactly as given, every domain label as given up to case,
    // and the A-label form converting back to exactly that.
    int at = text.lastIndexOf('@');
    assertThat(address.localPart()).isEqualTo(text.substring(0, at));
    String expectedDomain =
        Arrays.stream(text.substring(at + 1).split("\\.", -1))
            .map(label -> label.toLowerCase(Locale.ROOT))
            .map(label -> label.startsWith("xn--") ? IDN.toUnicode(label) : label)
            .collect(Collectors.joining("."));
    assertThat(address.unicodeDomain()).isEqualTo(expectedDomain);
    assertThat(IDN.toUnicode(address.domain(), IDN.USE_STD3_ASCII_RULES))
        .isEqualTo(address.unicodeDomain());
    assertThat(EmailAddress.parse(ascii)).isEqualTo(address);
    assertThat(EmailAddress.parse(ascii).ascii()).isEqualTo(ascii);
    assertThat(EmailAddress.parse(address.unicode())).isEqualTo(address);
  }

  /** No character in a message may hide or reorder the text around it. */
  private static void assertSafeToShow(String message) {
    assertThat(message).isNotBlank();
    message
        .codePoints()
        .forEach(
            c ->
                assertThat(VisibleText.isShowable(c))
                    .as("%s in the message %s", VisibleText.codePointNumber(c), message)
                    .isTrue());
  }

  private static InvalidEmailAddressException refusal(String text) {
    try {
      EmailAddress.parse(text);
    } catch (InvalidEmailAddressException refused) {
      return refused;
    }
    throw new AssertionError("accepted: " + text);
  }

  private static String generatedAddress(SplittableRandom r) {
    String local = mixed(r, ATEXT + ".", 0, 14);
    int labels = 1 + r.nextInt(4);
    List<String> domain = new ArrayList<>();
    for (int i = 0; i < labels; i++) {
      domain.add(
          switch (r.nextInt(3)) {
            case 0 -> mixed(r, LDH, 0, 10);
            case 1 -> "xn--" + mixed(r, LDH, 1, 8);
            default -> oneOf(r, REAL_LABELS);
          });
    }
    String at = r.nextInt(20) == 0 ? oneOf(r, List.of("", "@@", "＠", "@[127.0.0.1]")) : "@";
    return local + at + String.join(".", domain);
  }

  private static final List<String> REAL_LABELS =
      List.of(
          "bücher",
          "exаmple",
          "straße",
          "ｅxample",
          "xn--bcher-kva",
          "XN--BCHER-KVA",
          "example",
          "org",
          "İstanbul",
          "١٢٣");

  /** Mostly characters from {@code usual}, sometimes one of {@link #TRICKY}. */
  private static String mixed(SplittableRandom r, String usual, int min, int max) {
    List<String> usualOnes = codePoints(usual);
    StringBuilder text = new StringBuilder();
    int length = min + r.nextInt(max - min + 1);
    for (int i = 0; i < length; i++) {
      text.append(r.nextInt(12) == 0 ? oneOf(r, TRICKY) : oneOf(r, usualOnes));
    }
    return text.toString();
  }

  private static String from(SplittableRandom r, String alphabet, int min, int max) {
    StringBuilder text = new StringBuilder();
    int length = min + r.nextInt(max - min + 1);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  /** Up to 20 arbitrary UTF-16 units: any code point, lone surrogates included. */
  private static String anyText(SplittableRandom r) {
    StringBuilder text = new StringBuilder();
    int length = r.nextInt(21);
    for (int i = 0; i < length; i++) {
      text.append(
          r.nextInt(4) == 0 ? (char) r.nextInt(0x80) : (char) r.nextInt(Character.MAX_VALUE + 1));
    }
    return text.toString();
  }

  private static List<String> codePoints(String... texts) {
    return Arrays.stream(texts)
        .flatMap(
            t ->
                t.length() == 1
                    ? java.util.stream.Stream.of(t)
                    : t.codePoints().mapToObj(Character::toString))
        .toList();
  }
}
