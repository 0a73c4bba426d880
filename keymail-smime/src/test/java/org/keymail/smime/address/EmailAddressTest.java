package org.keymail.smime.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules of {@link EmailAddress}, each refusal with the exact message a person reads. */
class EmailAddressTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '¦',
      quoteCharacter = '§',
      textBlock =
          """
          alice@example.org             ¦ alice@example.org             ¦ alice@example.org
          Alice.Smith@Example.ORG       ¦ Alice.Smith@example.org       ¦ Alice.Smith@example.org
          o'brien+tag@mail.example.org  ¦ o'brien+tag@mail.example.org  ¦ o'brien+tag@mail.example.org
          {x}|~=!#$%&*/^`@example.org   ¦ {x}|~=!#$%&*/^`@example.org   ¦ {x}|~=!#$%&*/^`@example.org
          alice@bücher.example          ¦ alice@xn--bcher-kva.example   ¦ alice@bücher.example
          alice@BÜCHER.example          ¦ alice@xn--bcher-kva.example   ¦ alice@bücher.example
          alice@XN--BCHER-KVA.Example   ¦ alice@xn--bcher-kva.example   ¦ alice@bücher.example
          alice@exаmple.org             ¦ alice@xn--exmple-4nf.org      ¦ alice@exаmple.org
          alice@١٢٣.example             ¦ alice@xn--9hbcd.example       ¦ alice@١٢٣.example
          """)
  void acceptedAddressesKeepEveryCharacter(String given, String ascii, String unicode) {
    EmailAddress address = EmailAddress.parse(given);
    assertThat(address.ascii()).isEqualTo(ascii);
    assertThat(address.unicode()).isEqualTo(unicode);
    assertThat(address.toString()).isEqualTo(ascii);
    assertThat(EmailAddress.parse(ascii)).isEqualTo(address);
    assertThat(EmailAddress.parse(unicode)).isEqualTo(address);
  }

  @Test
  void localPartsCompareIgnoringAsciiCaseAndDomainsIgnoringCaseAndForm() {
    EmailAddress alice = EmailAddress.parse("Alice@Bücher.Example");
    assertThat(alice).isEqualTo(EmailAddress.parse("alice@xn--bcher-kva.example"));
    assertThat(alice).hasSameHashCodeAs(EmailAddress.parse("ALICE@BÜCHER.EXAMPLE"));
    assertThat(alice.lookupKey()).isEqualTo("alice@xn--bcher-kva.example");
    assertThat(alice.localPart()).isEqualTo("Alice");
    assertThat(alice.hasInternationalDomain()).isTrue();
    assertThat(EmailAddress.parse("alice@example.org").hasInternationalDomain()).isFalse();
  }

  @Test
  void aLookAlikeDomainIsAnotherDomain() {
    // Cyrillic 'а' (U+0430) in the domain: a valid internationalised name, but not example.org.
    assertThat(EmailAddress.parse("alice@exаmple.org"))
        .isNotEqualTo(EmailAddress.parse("alice@example.org"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '¦',
      quoteCharacter = '§',
      textBlock =
          """
          аlice@example.org ¦ NON_ASCII_LOCAL_PART ¦ the local part of 'аlice@example.org' contains the non-ASCII character 'а' (U+0430 CYRILLIC SMALL LETTER A); keymail accepts only ASCII letters, digits, dots and !#$%&'*+-/=?^_`{|}~ before the '@', as it does not issue internationalised (SmtpUTF8Mailbox) addresses
          josé@example.org ¦ NON_ASCII_LOCAL_PART ¦ the local part of 'josé@example.org' contains the non-ASCII character 'é' (U+00E9 LATIN SMALL LETTER E WITH ACUTE); keymail accepts only ASCII letters, digits, dots and !#$%&'*+-/=?^_`{|}~ before the '@', as it does not issue internationalised (SmtpUTF8Mailbox) addresses
          <script>@example.org ¦ FORBIDDEN_CHARACTER ¦ the local part of '<script>@example.org' contains '<' (U+003C LESS-THAN SIGN), which an e-mail address cannot hold before the '@'
          a,b@example.org ¦ FORBIDDEN_CHARACTER ¦ the local part of 'a,b@example.org' contains ',' (U+002C COMMA), which an e-mail address cannot hold before the '@'
          "john"@example.org ¦ QUOTED_LOCAL_PART ¦ the part before the '@' in '"john"@example.org' is in quotes; keymail accepts only addresses made of letters, digits, dots and !#$%&'*+-/=?^_`{|}~ before the '@'
          alice(work)@example.org ¦ COMMENT ¦ the address 'alice(work)@example.org' contains a comment in parentheses; give the address alone, like alice@example.org
          =?utf-8?q?alice?=@example.org ¦ ENCODED_WORD ¦ the address '=?utf-8?q?alice?=@example.org' contains an encoded word (=?…?=), which is never part of an e-mail address (RFC 2047 §5)
          alice.example.org ¦ NO_AT_SIGN ¦ 'alice.example.org' is not an e-mail address: it has no '@' between the name and the domain
          a@b@example.org ¦ MORE_THAN_ONE_AT_SIGN ¦ the address 'a@b@example.org' contains more than one '@'
          @example.org ¦ FORBIDDEN_CHARACTER ¦ the address '@example.org' has nothing before the '@'
          .alice@example.org ¦ MISPLACED_DOT ¦ the local part of '.alice@example.org' starts with a dot
          alice.@example.org ¦ MISPLACED_DOT ¦ the local part of 'alice.@example.org' ends with a dot
          al..ice@example.org ¦ MISPLACED_DOT ¦ the local part of 'al..ice@example.org' has two dots in a row
          alice@ ¦ NO_DOMAIN ¦ the address 'alice@' has no domain after the '@'
          x@[127.0.0.1] ¦ IP_LITERAL_DOMAIN ¦ 'x@[127.0.0.1]' names an IP address instead of a domain; keymail accepts only domain names after the '@'
          x@127.0.0.1 ¦ NUMERIC_TOP_LEVEL_DOMAIN ¦ the domain of 'x@127.0.0.1' ends in a number, so it is an IP address rather than a domain name
          a@b ¦ SINGLE_LABEL_DOMAIN ¦ the domain of 'a@b' has a single part; a mail domain has at least two, like example.org
          alice@example..org ¦ EMPTY_DOMAIN_LABEL ¦ the domain of 'alice@example..org' has two dots in a row
          alice@example.org. ¦ EMPTY_DOMAIN_LABEL ¦ the domain of 'alice@example.org.' ends with a dot
          alice@exa_mple.org ¦ FORBIDDEN_DOMAIN_CHARACTER ¦ the domain of 'alice@exa_mple.org' contains '_' (U+005F LOW LINE); a domain may hold only letters, digits, '-' and dots
          alice@example。org ¦ FORBIDDEN_DOMAIN_CHARACTER ¦ the domain of 'alice@example。org' contains '。' (U+3002 IDEOGRAPHIC FULL STOP); a domain may hold only letters, digits, '-' and dots (write '.' between the parts of a domain)
          alice@♥.example ¦ FORBIDDEN_DOMAIN_CHARACTER ¦ the domain of 'alice@♥.example' contains '♥' (U+2665 BLACK HEART SUIT); a domain may hold only letters, digits, '-' and dots
          alice@-example.org ¦ HYPHEN_AT_LABEL_END ¦ the domain part '-example' of 'alice@-example.org' starts or ends with '-'
          alice@ab--cd.org ¦ RESERVED_LABEL ¦ the domain part 'ab--cd' of 'alice@ab--cd.org' has '--' in its third and fourth places, which is reserved for internationalised names (xn--)
          alice@xn--zz.org ¦ INVALID_A_LABEL ¦ the domain part 'xn--zz' of 'alice@xn--zz.org' starts with xn-- but is not a valid internationalised name (IDNA A-label)
          alice@straße.example ¦ IDNA_CHANGES_DOMAIN ¦ the domain of 'alice@straße.example' contains 'ß' (U+00DF LATIN SMALL LETTER SHARP S), which IDNA would silently turn into 'ss'; keymail refuses the domain rather than change it
          alice@ｅxample.org ¦ IDNA_CHANGES_DOMAIN ¦ the domain of 'alice@ｅxample.org' contains 'ｅ' (U+FF45 FULLWIDTH LATIN SMALL LETTER E), which IDNA would silently turn into 'e'; keymail refuses the domain rather than change it
          alice@ꞵeta.org ¦ IDNA_REFUSES_DOMAIN ¦ the domain of 'alice@ꞵeta.org' contains 'ꞵ' (U+A7B5 LATIN SMALL LETTER BETA), which internationalised domain names (IDNA2003, Unicode 3.2) do not allow
          alice@aא.example ¦ IDNA_REFUSES_DOMAIN ¦ the domain part 'aא' of 'alice@aא.example' cannot be converted to ASCII (IDNA2003): it mixes left-to-right and right-to-left letters or is too long
          """)
  void refusalsNameTheRuleInWordsAPersonReads(
      String given, AddressProblem problem, String message) {
    assertThatThrownBy(() -> EmailAddress.parse(given))
        .isInstanceOfSatisfying(
            InvalidEmailAddressException.class, e -> assertThat(e.problem()).isEqualTo(problem))
        .hasMessage(message);
    assertThat(EmailAddress.read(given))
        .isEqualTo(new AddressReading.Unusable(given, problem, message));
  }

  @Test
  void invisibleAndControlCharactersAreNamedAndShownAsCodePoints() {
    assertRefused(
        "alice\u200B@example.org",
        AddressProblem.INVISIBLE_CHARACTER,
        "the address 'alice[U+200B]@example.org' contains the invisible or unassigned character U+200B ZERO WIDTH SPACE");
    assertRefused(
        "alice\u202E@example.org",
        AddressProblem.INVISIBLE_CHARACTER,
        "the address 'alice[U+202E]@example.org' contains the invisible or unassigned character U+202E RIGHT-TO-LEFT OVERRIDE");
    assertRefused(
        "alice@example.org\r\nBcc: eve@example.org",
        AddressProblem.CONTROL_CHARACTER,
        "the address 'alice@example.org[U+000D][U+000A]Bcc: eve@example.org' contains the control character U+000D CARRIAGE RETURN (CR)");
    assertRefused(
        "alice @example.org",
        AddressProblem.WHITESPACE,
        "the address 'alice @example.org' contains a blank (U+0020 SPACE); an e-mail address has none");
    assertRefused(
        "alice\u00A0@example.org",
        AddressProblem.WHITESPACE,
        "the address 'alice[U+00A0]@example.org' contains a blank (U+00A0 NO-BREAK SPACE); an e-mail address has none");
    assertRefused(
        "alice@bu\u0308cher.example",
        AddressProblem.DOMAIN_NOT_NFC,
        "the domain part 'bu\u0308cher' of 'alice@bu\u0308cher.example' is not in composed form (Unicode NFC): write each accented letter as one character");
    assertRefused(
        "alice@\u0301example.org",
        AddressProblem.LABEL_STARTS_WITH_MARK,
        "a part of the domain of 'alice@\u0301example.org' starts with the combining mark U+0301 COMBINING ACUTE ACCENT");
  }

  @Test
  void lengthsAreCountedInTheAsciiForm() {
    String local64 = "a".repeat(64);
    assertThat(EmailAddress.parse(local64 + "@example.org").localPart()).hasSize(64);
    assertRefused(
        "a" + local64 + "@example.org",
        AddressProblem.LOCAL_PART_TOO_LONG,
        "the local part of '"
            + "a".repeat(65)
            + "@example.org' is 65 characters long; at most 64 are allowed");
    String label63 = "b".repeat(63);
    String longest =
        local64
            + "@"
            + label63
            + "."
            + label63
            + "."
            + "b".repeat(57)
            + ".org"; // 64+1+63+1+63+1+57+4
    assertThat(longest).hasSize(254);
    assertThat(EmailAddress.parse(longest).ascii()).isEqualTo(longest);
    assertThatThrownBy(
            () -> EmailAddress.parse("a" + longest.substring(1).replace(".org", ".orgx")))
        .isInstanceOfSatisfying(
            InvalidEmailAddressException.class,
            e -> assertThat(e.problem()).isEqualTo(AddressProblem.TOO_LONG));
    assertThatThrownBy(() -> EmailAddress.parse("alice@" + "c".repeat(64) + ".org"))
        .isInstanceOfSatisfying(
            InvalidEmailAddressException.class,
            e -> assertThat(e.problem()).isEqualTo(AddressProblem.DOMAIN_LABEL_TOO_LONG));
    // An internationalised label is measured as its A-label: 60 'ü' need far more than 63 octets.
    assertThatThrownBy(() -> EmailAddress.parse("alice@" + "ü".repeat(60) + ".org"))
        .isInstanceOf(InvalidEmailAddressException.class);
  }

  @Test
  void theLenientReaderNeverThrows() {
    assertThat(EmailAddress.read(null)).isInstanceOf(AddressReading.Unusable.class);
    assertThat(EmailAddress.read(""))
        .isEqualTo(
            new AddressReading.Unusable("", AddressProblem.EMPTY, "no e-mail address was given"));
    assertThat(EmailAddress.read("x".repeat(100_000)))
        .isInstanceOfSatisfying(
            AddressReading.Unusable.class,
            u -> assertThat(u.problem()).isEqualTo(AddressProblem.TOO_LONG));
    assertThat(EmailAddress.read("\uD800@example.org")).isInstanceOf(AddressReading.Unusable.class);
    assertThat(EmailAddress.read("alice@example.org").address())
        .contains(EmailAddress.parse("alice@example.org"));
    assertThat(EmailAddress.read("alice\u202E@example.org").shown())
        .isEqualTo("'alice[U+202E]@example.org'");
  }

  private static void assertRefused(String given, AddressProblem problem, String message) {
    assertThatThrownBy(() -> EmailAddress.parse(given))
        .isInstanceOfSatisfying(
            InvalidEmailAddressException.class, e -> assertThat(e.problem()).isEqualTo(problem))
        .hasMessage(message);
  }
}
