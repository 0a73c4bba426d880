package org.keymail.smime.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.smime.testing.GeneratedCases.oneOf;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keymail.smime.internal.VisibleText;
import org.keymail.smime.testing.GeneratedCases;

/**
 * Reading address header fields of received mail: what each mailbox's address and shown name are,
 * and which values keymail refuses to guess at.
 */
class AddressListTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '¦',
      quoteCharacter = '§',
      textBlock =
          """
          alice@example.org                                  ¦ [alice@example.org]
          Alice <alice@example.org>                          ¦ [name 'Alice' <alice@example.org>]
          "Doe, John" <john@example.org>                     ¦ [name 'Doe, John' <john@example.org>]
          John Q. Public <jqp@example.org>                   ¦ [name 'John Q. Public' <jqp@example.org>]
          alice@example.org (Alice Smith)                    ¦ [alice@example.org comments [Alice Smith]]
          Alice <alice@example.org> (work)                   ¦ [name 'Alice' <alice@example.org> comments [work]]
          <alice@example.org>                                ¦ [alice@example.org]
          alice @ example . org                              ¦ [alice@example.org]
          alice@example.org, bob@example.org                 ¦ [alice@example.org, bob@example.org]
          alice@example.org, , bob@example.org               ¦ [alice@example.org, bob@example.org]
          §§                                                 ¦ []
          undisclosed-recipients:;                           ¦ [group 'undisclosed-recipients' []]
          team: a@example.org, b@example.org;                ¦ [group 'team' [a@example.org, b@example.org]]
          "alice@example.org" <mallory@example.org>          ¦ [name 'alice@example.org' <mallory@example.org>]
          =?utf-8?q?alice=40example.org?= <mallory@example.org> ¦ [name 'alice@example.org' <mallory@example.org>]
          =?utf-8?b?YWxpY2VAZXhhbXBsZS5vcmc=?= <m@example.org> ¦ [name 'alice@example.org' <m@example.org>]
          "=?utf-8?q?alice=40example.org?=" <m@example.org>   ¦ [name 'alice@example.org' <m@example.org>]
          =?utf-8?q?Al?= =?utf-8?q?ice?= <alice@example.org> ¦ [name 'Alice' <alice@example.org>]
          =?x-unknown?q?Alice?= <alice@example.org>          ¦ [name '=?x-unknown?q?Alice?=' <alice@example.org>]
          Jürgen <juergen@bücher.example>                     ¦ [name 'Jürgen' <juergen@xn--bcher-kva.example>]
          <=?utf-8?q?alice?=@example.org>                    ¦ [unusable '=?utf-8?q?alice?=@example.org' ENCODED_WORD]
          <аlice@example.org>                                ¦ [unusable 'аlice@example.org' NON_ASCII_LOCAL_PART]
          <"alice"@example.org>                              ¦ [unusable '"alice"@example.org' QUOTED_LOCAL_PART]
          <alice@[127.0.0.1]>                                ¦ [unusable 'alice@[127.0.0.1]' IP_LITERAL_DOMAIN]
          """)
  void readableValuesGiveEachMailboxItsAddressAndShownName(String value, String expected) {
    AddressList list = AddressList.read(value);
    assertThat(list.unreadable()).as("why unreadable").isEmpty();
    assertThat(describe(list)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '¦',
      quoteCharacter = '§',
      textBlock =
          """
          Alice                                       ¦ 'Alice' is a name without an address
          Alice <alice@example.org                    ¦ a '<' is not closed with '>'
          "Alice <alice@example.org>                  ¦ a quoted text is not closed with '"'
          Alice (work <alice@example.org>             ¦ a comment is not closed with ')'
          alice@example.org bob@example.org           ¦ it has 'bob' after an address
          Alice <alice@example.org> <bob@example.org> ¦ it has '<' after an address
          John Doe@example.org                        ¦ 'John Doe' is a name where the part of an address before '@' belongs
          <@relay.example:alice@example.org>          ¦ it has a source route (<@host:…>), which mail no longer uses
          a: b: c@example.org;;                       ¦ it has a group inside a group
          team: a@example.org                         ¦ the group 'team' does not end with ';'
          <>                                          ¦ it has an empty address '<>'
          alice@                                      ¦ it has an address with no domain after the '@'
          alice\\@example.org                         ¦ it has a '\\' outside quotes
          =?utf-8?q?alice@example.org?= <m@example.org> ¦ it has '<' after an address
          """)
  void unreadableValuesSayWhyInsteadOfGuessing(String value, String why) {
    AddressList list = AddressList.read(value);
    assertThat(list.unreadable()).contains(why.replace("\\\\", "\\"));
    assertThat(list.entries()).isEmpty();
  }

  @Test
  void controlCharactersMakeAValueUnreadable() {
    assertThat(AddressList.read("Alice\u0000 <alice@example.org>").unreadable())
        .contains("it contains the control character U+0000 NULL");
  }

  @Test
  void readingNeverThrowsAndEveryReasonIsSafeToShow() {
    List<String> pieces =
        List.of(
            "alice",
            "example",
            "org",
            "@",
            "<",
            ">",
            "\"",
            "(",
            ")",
            ",",
            ";",
            ":",
            ".",
            " ",
            "\t",
            "\\",
            "[",
            "]",
            "=?utf-8?q?a=40b?=",
            "=?utf-8?b?QA==?=",
            "=?",
            "?=",
            "é",
            "а",
            "\u202E",
            "\u200B",
            "\u0000",
            "\u00A0",
            "xn--bcher-kva");
    GeneratedCases.check(
        "address lists read without throwing",
        5000,
        r -> piecesOf(r, pieces),
        value -> {
          AddressList list = AddressList.read(value);
          assertThat(list.text()).isEqualTo(value);
          list.unreadable()
              .ifPresent(
                  why ->
                      why.codePoints()
                          .forEach(c -> assertThat(VisibleText.isShowable(c)).isTrue()));
          for (AddressList.Mailbox mailbox : list.mailboxes()) {
            assertThat(mailbox.address().text()).isEqualTo(mailbox.addrSpec());
          }
        });
  }

  private static String piecesOf(SplittableRandom r, List<String> pieces) {
    StringBuilder value = new StringBuilder();
    int count = r.nextInt(16);
    for (int i = 0; i < count; i++) {
      value.append(oneOf(r, pieces));
    }
    return value.toString();
  }

  private static String describe(AddressList list) {
    return list.entries().stream()
        .map(
            entry ->
                switch (entry) {
                  case AddressList.Mailbox mailbox -> describe(mailbox);
                  case AddressList.Group group ->
                      "group '"
                          + group.displayName()
                          + "' "
                          + group.members().stream()
                              .map(AddressListTest::describe)
                              .collect(Collectors.joining(", ", "[", "]"));
                })
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String describe(AddressList.Mailbox mailbox) {
    String address =
        switch (mailbox.address()) {
          case AddressReading.Usable usable -> usable.email().ascii();
          case AddressReading.Unusable unusable ->
              "unusable '" + unusable.text() + "' " + unusable.problem();
        };
    String described =
        mailbox.displayName().map(name -> "name '" + name + "' <" + address + ">").orElse(address);
    return mailbox.comments().isEmpty() ? described : described + " comments " + mailbox.comments();
  }
}
