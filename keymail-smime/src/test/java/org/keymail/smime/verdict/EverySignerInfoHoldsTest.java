package org.keymail.smime.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keymail.smime.read.Layer;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.smime.sign.SignatureForm;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.verdict.SignerInfoSurgery.Position;

/**
 * A message is VALID_TRUSTED only when every signer information of its signature holds over the
 * content shown: a second signer information whose digest or signature does not hold, put before or
 * after the real one, in {@code multipart/signed} and in opaque signed-data, leaves the real signer
 * at VALID_UNTRUSTED with {@link ReasonCode#OTHER_SIGNER_INVALID}. Two signers that both hold are
 * fine.
 */
class EverySignerInfoHoldsTest {

  private static final TestPki PKI = TestPki.create();
  private static final Identity ALICE = PKI.user("alice@example.org", KeyType.EC_P256);
  private static final Identity MALLORY = PKI.user("mallory@example.org", KeyType.EC_P256);
  private static final Identity BOB = PKI.user("bob@example.org", KeyType.RSA_2048);
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

  private static final byte[] FROM_ALICE =
      Messages.text("Alice <alice@example.org>", "bob@example.org", "Pay invoice 42.\r\n");
  private static final byte[] OTHER =
      Messages.text("Alice <alice@example.org>", "bob@example.org", "Pay invoice 99.\r\n");

  /** How the extra signer information is made. */
  enum Extra {
    /** Mallory's signature over other content: its message digest does not match. */
    DIGEST_DOES_NOT_HOLD,
    /** Mallory's signature over the same content, one byte of its value changed. */
    SIGNATURE_DOES_NOT_HOLD,
    /** Bob's correct signature over the same content. */
    SECOND_VALID_SIGNER
  }

  /** Every form, every position, every kind of extra signer. */
  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (SignatureForm form : SignatureForm.values()) {
      for (Position position : Position.values()) {
        for (Extra extra : Extra.values()) {
          cases.add(Arguments.of(form, position, extra));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void theRealSignerIsTrustedOnlyWhenEverySignerInfoHolds(
      SignatureForm form, Position position, Extra extra) throws Exception {
    byte[] genuine = sign(ALICE, form, FROM_ALICE);
    byte[] cms = SignerInfoSurgery.cmsOf(genuine, form);
    byte[] donor =
        switch (extra) {
          case DIGEST_DOES_NOT_HOLD -> SignerInfoSurgery.cmsOf(sign(MALLORY, form, OTHER), form);
          case SIGNATURE_DOES_NOT_HOLD ->
              SignerInfoSurgery.cmsOf(sign(MALLORY, form, FROM_ALICE), form);
          case SECOND_VALID_SIGNER -> SignerInfoSurgery.cmsOf(sign(BOB, form, FROM_ALICE), form);
        };
    SignerInfo added = SignerInfoSurgery.firstSigner(donor);
    if (extra == Extra.SIGNATURE_DOES_NOT_HOLD) {
      added = SignerInfoSurgery.withBrokenSignature(added);
    }
    byte[] tampered =
        SignerInfoSurgery.withCms(
            genuine, form, SignerInfoSurgery.withExtraSigner(cms, added, donor, position));

    List<Verdict> verdicts = verdicts(tampered);

    assertThat(verdicts).hasSize(2);
    Verdict alice = verdicts.get(0);
    Verdict other = verdicts.get(1);
    assertThat(alice.signedBy()).map(a -> a.ascii()).containsExactly("alice@example.org");
    switch (extra) {
      case DIGEST_DOES_NOT_HOLD -> {
        assertVerdict(alice, VerdictStatus.VALID_UNTRUSTED, ReasonCode.OTHER_SIGNER_INVALID);
        assertVerdict(
            other, VerdictStatus.INVALID, ReasonCode.CONTENT_CHANGED, ReasonCode.FROM_NOT_SIGNER);
        assertThat(alice.reason())
            .isEqualTo(
                "the signature is valid, but another signature on the message, by mallory@example.org,"
                    + " does not hold over the content shown");
      }
      case SIGNATURE_DOES_NOT_HOLD -> {
        assertVerdict(alice, VerdictStatus.VALID_UNTRUSTED, ReasonCode.OTHER_SIGNER_INVALID);
        assertVerdict(
            other,
            VerdictStatus.INVALID,
            ReasonCode.SIGNATURE_MISMATCH,
            ReasonCode.FROM_NOT_SIGNER);
      }
      case SECOND_VALID_SIGNER -> {
        assertVerdict(alice, VerdictStatus.VALID_TRUSTED);
        assertVerdict(other, VerdictStatus.VALID_UNTRUSTED, ReasonCode.FROM_NOT_SIGNER);
        assertThat(other.signedBy()).map(a -> a.ascii()).containsExactly("bob@example.org");
      }
    }
  }

  private static void assertVerdict(Verdict verdict, VerdictStatus status, ReasonCode... codes) {
    assertThat(verdict.status()).as(verdict.summary()).isEqualTo(status);
    assertThat(verdict.codes()).as(verdict.summary()).containsExactly(codes);
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

  private static List<Verdict> verdicts(byte[] signed) throws Exception {
    try (ReadResult result =
        MessageReader.builder().trust(TRUST).build().read(new ByteArrayInputStream(signed))) {
      assertThat(result.layers()).singleElement().isInstanceOf(Layer.Signed.class);
      return ((Layer.Signed) result.layers().get(0)).verdicts();
    }
  }
}
