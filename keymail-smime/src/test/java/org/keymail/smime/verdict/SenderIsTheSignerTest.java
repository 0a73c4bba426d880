package org.keymail.smime.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.smime.verdict.ReasonCode.FROM_ADDRESS_UNUSABLE;
import static org.keymail.smime.verdict.ReasonCode.FROM_DISPLAY_NAME_ADDRESS;
import static org.keymail.smime.verdict.ReasonCode.FROM_EMPTY;
import static org.keymail.smime.verdict.ReasonCode.FROM_GROUP;
import static org.keymail.smime.verdict.ReasonCode.FROM_MISSING;
import static org.keymail.smime.verdict.ReasonCode.FROM_NOT_SIGNER;
import static org.keymail.smime.verdict.ReasonCode.FROM_REPEATED;
import static org.keymail.smime.verdict.ReasonCode.FROM_SEVERAL_ADDRESSES;
import static org.keymail.smime.verdict.ReasonCode.FROM_UNREADABLE;
import static org.keymail.smime.verdict.ReasonCode.SENDER_ADDRESS_UNUSABLE;
import static org.keymail.smime.verdict.ReasonCode.SENDER_DISPLAY_NAME_ADDRESS;
import static org.keymail.smime.verdict.ReasonCode.SENDER_EMPTY;
import static org.keymail.smime.verdict.ReasonCode.SENDER_GROUP;
import static org.keymail.smime.verdict.ReasonCode.SENDER_NOT_SIGNER;
import static org.keymail.smime.verdict.ReasonCode.SENDER_REPEATED;
import static org.keymail.smime.verdict.ReasonCode.SENDER_SEVERAL_ADDRESSES;
import static org.keymail.smime.verdict.ReasonCode.SENDER_UNREADABLE;
import static org.keymail.smime.verdict.VerdictStatus.VALID_TRUSTED;
import static org.keymail.smime.verdict.VerdictStatus.VALID_UNTRUSTED;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.smime.sign.SignatureForm;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.testing.UserSpec;

/**
 * RFC 8550 §3 and the ways S/MIME clients have been shown a forged sender as signed: a correctly
 * signed message from a trusted signer is VALID_TRUSTED only when it names exactly one sender, in
 * one From field, and that sender is the signer; Sender likewise; and no display name shows another
 * address. Each case is signed at run time in both forms and judged under a trust store with a
 * current CRL, so the codes asserted are exactly the rules that failed.
 */
class SenderIsTheSignerTest {

  private static final TestPki PKI = TestPki.create();
  private static final Identity ALICE = PKI.user("alice@example.org", KeyType.EC_P256);
  private static final Identity MALLORY = PKI.user("mallory@example.org", KeyType.EC_P256);
  private static final Identity ALICE_IDN =
      PKI.user(UserSpec.email("alice@xn--bcher-kva.example").keyType(KeyType.EC_P256).build());
  private static final Instant NOW = Instant.now();
  private static final TrustSettings TRUST =
      TrustSettings.builder()
          .anchor(PKI.root())
          .revocation(
              new CrlRevocationCheck(
                  List.of(
                      PKI.crl(NOW.minus(1, ChronoUnit.HOURS), NOW.plus(7, ChronoUnit.DAYS)),
                      PKI.rootCrl(NOW.minus(1, ChronoUnit.HOURS), NOW.plus(7, ChronoUnit.DAYS)))))
          .build();

  /** A header block, who signs, and the verdict expected. */
  record Case(
      String name, Identity signer, String headers, VerdictStatus status, List<ReasonCode> codes) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case trusted(String name, Identity signer, String headers) {
    return new Case(name, signer, headers, VALID_TRUSTED, List.of());
  }

  private static Case untrusted(String name, Identity signer, String headers, ReasonCode... codes) {
    return new Case(name, signer, headers, VALID_UNTRUSTED, List.of(codes));
  }

  static List<Case> table() {
    return List.of(
        trusted("one From, the signer", ALICE, "From: alice@example.org\r\n"),
        trusted(
            "display name and angle address", ALICE, "From: Alice Example <alice@example.org>\r\n"),
        trusted(
            "quoted display name with a comma",
            ALICE,
            "From: \"Example, Alice\" <alice@example.org>\r\n"),
        trusted(
            "display name that is the address itself",
            ALICE,
            "From: \"alice@example.org\" <alice@example.org>\r\n"),
        trusted("case differs", ALICE, "From: Alice <ALICE@Example.ORG>\r\n"),
        trusted(
            "Unicode form of the signer's IDN domain",
            ALICE_IDN,
            "From: Alice <alice@bücher.example>\r\n"),
        trusted("A-label form in another case", ALICE_IDN, "From: alice@XN--BCHER-KVA.Example\r\n"),
        trusted(
            "Sender is the signer too",
            ALICE,
            "From: alice@example.org\r\nSender: Alice <alice@example.org>\r\n"),
        untrusted("no From", ALICE, "", FROM_MISSING),
        untrusted("empty From", ALICE, "From: \r\n", FROM_EMPTY),
        untrusted(
            "two From, signer first",
            ALICE,
            "From: alice@example.org\r\nFrom: mallory@example.org\r\n",
            FROM_REPEATED,
            FROM_NOT_SIGNER),
        untrusted(
            "two From, signer second",
            ALICE,
            "From: mallory@example.org\r\nFrom: alice@example.org\r\n",
            FROM_REPEATED,
            FROM_NOT_SIGNER),
        untrusted(
            "two From, both the signer",
            ALICE,
            "From: alice@example.org\r\nFrom: Alice <alice@example.org>\r\n",
            FROM_REPEATED),
        untrusted(
            "three From",
            ALICE,
            "From: alice@example.org\r\nFrom: mallory@example.org\r\nfrom: bob@example.org\r\n",
            FROM_REPEATED,
            FROM_NOT_SIGNER,
            FROM_NOT_SIGNER),
        untrusted(
            "two addresses in one From",
            ALICE,
            "From: alice@example.org, mallory@example.org\r\n",
            FROM_SEVERAL_ADDRESSES,
            FROM_NOT_SIGNER),
        untrusted(
            "undisclosed-recipients group",
            ALICE,
            "From: undisclosed-recipients:;\r\n",
            FROM_GROUP),
        untrusted(
            "group of two",
            ALICE,
            "From: team: alice@example.org, bob@example.org;\r\n",
            FROM_GROUP,
            FROM_SEVERAL_ADDRESSES,
            FROM_NOT_SIGNER),
        untrusted(
            "group of the signer alone", ALICE, "From: team: alice@example.org;\r\n", FROM_GROUP),
        untrusted(
            "From differs from the signer",
            MALLORY,
            "From: alice@example.org\r\n",
            FROM_NOT_SIGNER),
        untrusted(
            "display name shows another address",
            MALLORY,
            "From: \"alice@example.org\" <mallory@example.org>\r\n",
            FROM_DISPLAY_NAME_ADDRESS),
        untrusted(
            "display name shows another address, From differs too",
            ALICE,
            "From: \"alice@example.org\" <mallory@example.org>\r\n",
            FROM_NOT_SIGNER,
            FROM_DISPLAY_NAME_ADDRESS),
        untrusted(
            "unquoted display name with an address",
            MALLORY,
            "From: alice@example.org <mallory@example.org>\r\n",
            FROM_UNREADABLE),
        untrusted(
            "comment shows another address",
            MALLORY,
            "From: mallory@example.org (alice@example.org)\r\n",
            FROM_DISPLAY_NAME_ADDRESS),
        untrusted(
            "Q-encoded display name decodes to another address",
            MALLORY,
            "From: =?utf-8?q?alice=40example.org?= <mallory@example.org>\r\n",
            FROM_DISPLAY_NAME_ADDRESS),
        untrusted(
            "B-encoded display name decodes to another address",
            MALLORY,
            "From: =?utf-8?b?YWxpY2VAZXhhbXBsZS5vcmc=?= <mallory@example.org>\r\n",
            FROM_DISPLAY_NAME_ADDRESS),
        untrusted(
            "encoded word inside quotes decodes to another address",
            MALLORY,
            "From: \"=?utf-8?q?alice=40example.org?=\" <mallory@example.org>\r\n",
            FROM_DISPLAY_NAME_ADDRESS),
        untrusted(
            "fullwidth address in the display name",
            MALLORY,
            "From: ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｏｒｇ <mallory@example.org>\r\n",
            FROM_DISPLAY_NAME_ADDRESS),
        untrusted(
            "encoded word in the address part",
            ALICE,
            "From: <=?utf-8?q?alice?=@example.org>\r\n",
            FROM_ADDRESS_UNUSABLE),
        untrusted(
            "encoded word as the whole From",
            ALICE,
            "From: =?utf-8?q?alice=40example.org?=\r\n",
            FROM_UNREADABLE),
        untrusted(
            "Cyrillic look-alike domain", ALICE, "From: alice@exаmple.org\r\n", FROM_NOT_SIGNER),
        untrusted(
            "Cyrillic look-alike local part",
            ALICE,
            "From: аlice@example.org\r\n",
            FROM_ADDRESS_UNUSABLE),
        untrusted(
            "look-alike of the signer's IDN domain",
            ALICE_IDN,
            "From: alice@bücher.examp1e\r\n",
            FROM_NOT_SIGNER),
        untrusted(
            "unclosed angle bracket", ALICE, "From: Alice <alice@example.org\r\n", FROM_UNREADABLE),
        untrusted(
            "control character in From",
            ALICE,
            "From: Alice\u0000 <alice@example.org>\r\n",
            FROM_UNREADABLE),
        untrusted(
            "Sender differs from the signer",
            ALICE,
            "From: alice@example.org\r\nSender: mallory@example.org\r\n",
            SENDER_NOT_SIGNER),
        untrusted(
            "signer is the Sender, not the From",
            MALLORY,
            "From: alice@example.org\r\nSender: mallory@example.org\r\n",
            FROM_NOT_SIGNER),
        untrusted(
            "two Sender, both the signer",
            ALICE,
            "From: alice@example.org\r\nSender: alice@example.org\r\nSender: alice@example.org\r\n",
            SENDER_REPEATED),
        untrusted(
            "two Sender, one another",
            ALICE,
            "From: alice@example.org\r\nSender: alice@example.org\r\nSender: mallory@example.org\r\n",
            SENDER_REPEATED,
            SENDER_NOT_SIGNER),
        untrusted("empty Sender", ALICE, "From: alice@example.org\r\nSender: \r\n", SENDER_EMPTY),
        untrusted(
            "Sender group", ALICE, "From: alice@example.org\r\nSender: list:;\r\n", SENDER_GROUP),
        untrusted(
            "two addresses in one Sender",
            ALICE,
            "From: alice@example.org\r\nSender: alice@example.org, mallory@example.org\r\n",
            SENDER_SEVERAL_ADDRESSES,
            SENDER_NOT_SIGNER),
        untrusted(
            "unreadable Sender",
            ALICE,
            "From: alice@example.org\r\nSender: \"alice@example.org\r\n",
            SENDER_UNREADABLE),
        untrusted(
            "unusable Sender address",
            ALICE,
            "From: alice@example.org\r\nSender: <alice@[127.0.0.1]>\r\n",
            SENDER_ADDRESS_UNUSABLE),
        untrusted(
            "Sender display name shows another address",
            ALICE,
            "From: alice@example.org\r\nSender: \"bob@example.org\" <alice@example.org>\r\n",
            SENDER_DISPLAY_NAME_ADDRESS));
  }

  static Stream<Arguments> tableInBothForms() {
    return table().stream()
        .flatMap(c -> Stream.of(SignatureForm.values()).map(f -> Arguments.of(c, f)));
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("tableInBothForms")
  void eachCaseGetsItsStatusAndExactlyItsCodes(Case c, SignatureForm form) throws Exception {
    Verdict verdict = verdict(sign(c.signer(), form, message(c.headers())));
    assertThat(verdict.status()).as(verdict.summary()).isEqualTo(c.status());
    assertThat(verdict.codes()).as(verdict.summary()).containsExactlyElementsOf(c.codes());
  }

  /**
   * Generated: every number of From fields from 0 to 3 and of Sender fields from 0 to 2, each field
   * naming the signer or someone else. Trusted exactly when there is one From, the signer's, and at
   * most one Sender, the signer's; otherwise each broken rule is named once per field.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(SignatureForm.class)
  void everyCountOfFromAndSenderFieldsIsJudged(SignatureForm form) throws Exception {
    int judged = 0;
    for (int fromCount = 0; fromCount <= 3; fromCount++) {
      for (int fromMask = 0; fromMask < 1 << fromCount; fromMask++) {
        for (int senderCount = 0; senderCount <= 2; senderCount++) {
          for (int senderMask = 0; senderMask < 1 << senderCount; senderMask++) {
            StringBuilder headers = new StringBuilder();
            List<ReasonCode> expected = new ArrayList<>();
            if (fromCount == 0) {
              expected.add(FROM_MISSING);
            }
            if (fromCount > 1) {
              expected.add(FROM_REPEATED);
            }
            for (int i = 0; i < fromCount; i++) {
              boolean other = (fromMask & 1 << i) != 0;
              headers
                  .append("From: ")
                  .append(other ? "Mallory <mallory@example.org>" : "Alice <alice@example.org>")
                  .append("\r\n");
              if (other) {
                expected.add(FROM_NOT_SIGNER);
              }
            }
            if (senderCount > 1) {
              expected.add(SENDER_REPEATED);
            }
            for (int i = 0; i < senderCount; i++) {
              boolean other = (senderMask & 1 << i) != 0;
              headers
                  .append("Sender: ")
                  .append(other ? "mallory@example.org" : "alice@example.org")
                  .append("\r\n");
              if (other) {
                expected.add(SENDER_NOT_SIGNER);
              }
            }
            expected.sort(Comparator.naturalOrder());
            Verdict verdict = verdict(sign(ALICE, form, message(headers.toString())));
            assertThat(verdict.codes())
                .as(headers + verdict.summary())
                .containsExactlyElementsOf(expected);
            assertThat(verdict.status())
                .as(headers + verdict.summary())
                .isEqualTo(expected.isEmpty() ? VALID_TRUSTED : VALID_UNTRUSTED);
            judged++;
          }
        }
      }
    }
    assertThat(judged).isEqualTo(15 * 7);
  }

  @Test
  void theSummaryNamesEveryFromAndSenderAddressJudged() throws Exception {
    Verdict two =
        verdict(
            sign(
                ALICE,
                SignatureForm.DETACHED,
                message(
                    "From: alice@example.org\r\nFrom: Mallory <mallory@example.org>\r\nSender: bob@example.org\r\n")));
    assertThat(two.summary())
        .isEqualTo(
            "VALID_UNTRUSTED: the signature is valid, but the message has 2 From fields, and mail clients do not all show"
                + " the same one; also the message says it is from mallory@example.org while it was signed by"
                + " alice@example.org; also the message says it was sent by bob@example.org while it was signed by"
                + " alice@example.org; signed by alice@example.org (CN=alice); From: alice@example.org,"
                + " mallory@example.org (differs from the signer); Sender: bob@example.org");
    Verdict hidden =
        verdict(
            sign(
                MALLORY,
                SignatureForm.DETACHED,
                message("From: \"alice@example.org\u202E\" <mallory@example.org>\r\n")));
    assertThat(hidden.reason())
        .isEqualTo(
            "the signature is valid, but the From name 'alice@example.org[U+202E]' shows the address"
                + " 'alice@example.org[U+202E]', but the message is from mallory@example.org");
    Verdict unreadable =
        verdict(sign(ALICE, SignatureForm.DETACHED, message("From: Alice <alice@example.org\r\n")));
    assertThat(unreadable.summary())
        .isEqualTo(
            "VALID_UNTRUSTED: the signature is valid, but the From field 'Alice <alice@example.org' cannot be read:"
                + " a '<' is not closed with '>'; signed by alice@example.org (CN=alice);"
                + " From: 'Alice <alice@example.org' (unreadable)");
  }

  private static byte[] message(String headers) {
    return (headers
            + "To: bob@example.org\r\nSubject: invoice\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\nPay invoice 42.\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sign(Identity signer, SignatureForm form, byte[] message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageSigner.builder(signer.keyHandle())
        .chain(signer.chain())
        .form(form)
        .build()
        .sign(new ByteArrayInputStream(message), out);
    return out.toByteArray();
  }

  private static Verdict verdict(byte[] signed) throws Exception {
    try (ReadResult result =
        MessageReader.builder().trust(TRUST).build().read(new ByteArrayInputStream(signed))) {
      return result.verdict().orElseThrow();
    }
  }
}
