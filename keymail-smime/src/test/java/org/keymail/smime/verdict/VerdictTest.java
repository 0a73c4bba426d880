package org.keymail.smime.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.sign.CertificateInclusion;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.smime.sign.SignatureForm;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.testing.UserSpec;

/** The verdict rules (VALID_TRUSTED / VALID_UNTRUSTED / INVALID) with the reasons users read. */
class VerdictTest {

  private static final TestPki PKI = TestPki.create();
  private static final TrustSettings TRUST_ROOT =
      TrustSettings.builder().anchor(PKI.root()).build();

  private final Identity alice = PKI.user("alice@example.org", KeyType.RSA_2048);
  private final byte[] fromAlice =
      Messages.text("Alice <alice@example.org>", "bob@example.org", "Pay invoice 42.\r\n");

  @Test
  void trustedSignerGetsValidTrustedWithSignedByApartFromFrom() throws Exception {
    Verdict v = verdict(sign(alice, fromAlice), TRUST_ROOT);
    assertThat(v.status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
    assertThat(v.summary())
        .isEqualTo(
            "VALID_TRUSTED: the signature is valid and the signer is trusted; signed by alice@example.org (CN=alice); From: alice@example.org; note: revocation was not checked");
    assertThat(v.signingTime()).isPresent();
    assertThat(v.notes()).containsExactly("revocation was not checked");
  }

  @Test
  void changedContentIsInvalid() throws Exception {
    byte[] signed = sign(alice, fromAlice);
    String tampered =
        new String(signed, StandardCharsets.ISO_8859_1).replace("invoice 42", "invoice 99");
    Verdict v = verdict(tampered.getBytes(StandardCharsets.ISO_8859_1), TRUST_ROOT);
    assertThat(v.status()).isEqualTo(VerdictStatus.INVALID);
    assertThat(v.reason())
        .isEqualTo("the content was changed after it was signed (message digest mismatch)");
  }

  @Test
  void signatureFromAnotherMessageIsInvalid() throws Exception {
    String one = new String(sign(alice, fromAlice), StandardCharsets.ISO_8859_1);
    String other =
        new String(
            sign(alice, Messages.text("alice@example.org", "bob@example.org", "Other.\r\n")),
            StandardCharsets.ISO_8859_1);
    String spliced =
        one.substring(0, one.indexOf("Content-Type: application/pkcs7-signature"))
            + other.substring(other.indexOf("Content-Type: application/pkcs7-signature"));
    spliced = spliced.replace(boundaryOf(other), boundaryOf(one));
    Verdict v = verdict(spliced.getBytes(StandardCharsets.ISO_8859_1), TRUST_ROOT);
    assertThat(v.status()).isEqualTo(VerdictStatus.INVALID);
    assertThat(v.reason()).contains("changed after it was signed");
  }

  @Test
  void signerFromAnUnknownAuthorityIsValidButUntrusted() throws Exception {
    Identity stranger = TestPki.create().user("alice@example.org", KeyType.EC_P256);
    Verdict v = verdict(sign(stranger, fromAlice), TRUST_ROOT);
    assertThat(v.status()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
    assertThat(v.reason())
        .startsWith(
            "the signature is valid, but the signer's certificate does not chain to an authority you trust");
  }

  @Test
  void withNoTrustAnchorsEverySignatureIsAtBestUntrusted() throws Exception {
    Verdict v = verdict(sign(alice, fromAlice), TrustSettings.none());
    assertThat(v.status()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
    assertThat(v.reason())
        .startsWith("the signature is valid, but no trusted authority is configured");
  }

  @Test
  void expiredSignerIsUntrustedAtTheTimeOfTheCheck() throws Exception {
    Instant later = alice.certificate().getNotAfter().toInstant().plus(Duration.ofDays(1));
    Verdict v =
        verdict(
            sign(alice, fromAlice), TrustSettings.builder().anchor(PKI.root()).at(later).build());
    assertThat(v.status()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
    assertThat(v.reason())
        .isEqualTo(
            "the signature is valid, but the signer's certificate expired on "
                + alice.certificate().getNotAfter().toInstant());
  }

  @Test
  void notYetValidSignerIsUntrusted() throws Exception {
    Identity early =
        PKI.user(
            UserSpec.email("alice@example.org")
                .keyType(KeyType.RSA_2048)
                .notBefore(Instant.now().plus(2, ChronoUnit.DAYS))
                .notAfter(Instant.now().plus(30, ChronoUnit.DAYS))
                .build());
    Verdict v = verdict(sign(early, fromAlice), TRUST_ROOT);
    assertThat(v.status()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
    assertThat(v.reason())
        .startsWith("the signature is valid, but the signer's certificate is not valid before ");
  }

  @Test
  void certificateNotMeantForEmailIsUntrusted() throws Exception {
    Identity server =
        PKI.user(
            UserSpec.email("alice@example.org")
                .keyType(KeyType.RSA_2048)
                .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth)
                .build());
    Verdict v = verdict(sign(server, fromAlice), TRUST_ROOT);
    assertThat(v.status()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
    assertThat(v.reason())
        .isEqualTo(
            "the signature is valid, but the signer's certificate is not meant for e-mail (its extended key usage lacks emailProtection)");
  }

  @Test
  void certificateWithoutDigitalSignatureUsageIsUntrusted() throws Exception {
    Identity encryptOnly =
        PKI.user(
            UserSpec.email("alice@example.org")
                .keyType(KeyType.RSA_2048)
                .keyUsage(KeyUsage.keyEncipherment)
                .build());
    Verdict v = verdict(sign(encryptOnly, fromAlice), TRUST_ROOT);
    assertThat(v.status()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
    assertThat(v.reason()).contains("does not allow digital signatures");
  }

  @Test
  void signerWhoIsNotTheSenderIsCalledOut() throws Exception {
    Identity mallory = PKI.user("mallory@example.org", KeyType.RSA_2048);
    Verdict v = verdict(sign(mallory, fromAlice), TRUST_ROOT);
    assertThat(v.status()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
    assertThat(v.reason())
        .isEqualTo(
            "the signature is valid, but the message says it is from alice@example.org while it was signed by mallory@example.org");
    assertThat(v.signerMatchesFrom()).isFalse();
    assertThat(v.summary())
        .endsWith(
            "signed by mallory@example.org (CN=mallory); From: alice@example.org (differs from the signer); note: revocation was not checked");
  }

  @Test
  void certificateWithoutAddressIsUntrusted() throws Exception {
    Identity nameless =
        PKI.user(
            UserSpec.email("alice@example.org")
                .keyType(KeyType.RSA_2048)
                .noSubjectAltName()
                .build());
    Verdict v = verdict(sign(nameless, fromAlice), TRUST_ROOT);
    assertThat(v.status()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
    assertThat(v.reason()).contains("names no e-mail address");
  }

  @Test
  void missingIntermediateIsNamedAndConfiguredIntermediateFillsTheGap() throws Exception {
    byte[] signed = sign(alice, fromAlice, CertificateInclusion.SIGNER_ONLY);
    Verdict without = verdict(signed, TRUST_ROOT);
    assertThat(without.status()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
    assertThat(without.reason())
        .contains(
            "the certificate of its issuer "
                + org.keymail.smime.CertificateNames.subject(PKI.issuing())
                + " is not in the message or the trust store");
    Verdict with =
        verdict(
            signed, TrustSettings.builder().anchor(PKI.root()).intermediate(PKI.issuing()).build());
    assertThat(with.status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
  }

  @Test
  void revokedSignerIsInvalidAndCurrentCrlsClearTheNote() throws Exception {
    byte[] signed = sign(alice, fromAlice);
    Instant now = Instant.now();
    var rootCrl = PKI.rootCrl(now.minus(1, ChronoUnit.HOURS), now.plus(7, ChronoUnit.DAYS));
    var revokedCrl =
        PKI.crl(now.minus(1, ChronoUnit.HOURS), now.plus(7, ChronoUnit.DAYS), alice.certificate());
    Verdict revoked =
        verdict(
            signed,
            TrustSettings.builder()
                .anchor(PKI.root())
                .revocation(new CrlRevocationCheck(java.util.List.of(revokedCrl, rootCrl)))
                .build());
    assertThat(revoked.status()).isEqualTo(VerdictStatus.INVALID);
    assertThat(revoked.reason())
        .startsWith("the signer's certificate was revoked on ")
        .endsWith("(key-compromise)");

    var cleanCrl = PKI.crl(now.minus(1, ChronoUnit.HOURS), now.plus(7, ChronoUnit.DAYS));
    Verdict good =
        verdict(
            signed,
            TrustSettings.builder()
                .anchor(PKI.root())
                .revocation(new CrlRevocationCheck(java.util.List.of(cleanCrl, rootCrl)))
                .build());
    assertThat(good.status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
    assertThat(good.notes()).isEmpty();
  }

  @Test
  void anExpiredCrlKeepsKeymailFromVouchingEvenUnderSoftFail() throws Exception {
    // A CRL that is at hand but out of date is not "no information": the newer one, which may list
    // the signer, is being withheld or was never fetched.
    Instant now = Instant.now();
    Instant due = now.minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    var stale = PKI.crl(now.minus(10, ChronoUnit.DAYS), due, alice.certificate());
    var rootCrl = PKI.rootCrl(now.minus(1, ChronoUnit.HOURS), now.plus(7, ChronoUnit.DAYS));
    Verdict v =
        verdict(
            sign(alice, fromAlice),
            TrustSettings.builder()
                .anchor(PKI.root())
                .revocation(new CrlRevocationCheck(java.util.List.of(stale, rootCrl)))
                .build());
    assertThat(v.status()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
    assertThat(v.codes()).containsExactly(ReasonCode.CRL_STALE);
    assertThat(v.reason())
        .isEqualTo(
            "the signature is valid, but the CRL of "
                + org.keymail.smime.CertificateNames.subject(PKI.issuing())
                + " that should tell whether the certificate of CN=alice was revoked is out of"
                + " date: its next update was due on "
                + due);
  }

  @Test
  void messageWithoutFromIsAtMostValidUntrusted() throws Exception {
    // A signature cannot vouch for a sender the message does not name: a client may show anyone.
    byte[] bare =
        "Content-Type: text/plain\r\n\r\nno sender\r\n".getBytes(StandardCharsets.US_ASCII);
    Verdict v = verdict(sign(alice, bare), TRUST_ROOT);
    assertThat(v.status()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
    assertThat(v.codes()).containsExactly(ReasonCode.FROM_MISSING, ReasonCode.REVOCATION_UNKNOWN);
    assertThat(v.summary())
        .isEqualTo(
            "VALID_UNTRUSTED: the signature is valid, but the message has no From field, so it does not say who sent it;"
                + " signed by alice@example.org (CN=alice); From: (none); note: revocation was not checked");
  }

  @Test
  void everyFailedRuleIsListedMostSeriousFirst() throws Exception {
    Instant later = alice.certificate().getNotAfter().toInstant().plus(Duration.ofDays(1));
    byte[] fromMallory =
        Messages.text("mallory@example.org", "bob@example.org", "Pay invoice 42.\r\n");
    Verdict v =
        verdict(
            sign(alice, fromMallory), TrustSettings.builder().anchor(PKI.root()).at(later).build());
    assertThat(v.status()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
    assertThat(v.codes())
        .containsExactly(
            ReasonCode.CERTIFICATE_EXPIRED,
            ReasonCode.FROM_NOT_SIGNER,
            ReasonCode.REVOCATION_UNKNOWN);
    String expired =
        "the signer's certificate expired on " + alice.certificate().getNotAfter().toInstant();
    assertThat(v.reasons())
        .containsExactly(
            "the signature is valid, but " + expired,
            "the signature is valid, but the message says it is from mallory@example.org while it was signed by alice@example.org");
    assertThat(v.summary())
        .isEqualTo(
            "VALID_UNTRUSTED: the signature is valid, but "
                + expired
                + "; also the message says it is from mallory@example.org while it was signed by alice@example.org"
                + "; signed by alice@example.org (CN=alice); From: mallory@example.org (differs from the signer); note: revocation was not checked");
  }

  @Test
  void aChangedContentIsInvalidAndTheOtherFailuresAreStillNamed() throws Exception {
    byte[] signed =
        sign(alice, Messages.text("mallory@example.org", "bob@example.org", "Pay invoice 42.\r\n"));
    String tampered =
        new String(signed, StandardCharsets.ISO_8859_1).replace("invoice 42", "invoice 99");
    Verdict v = verdict(tampered.getBytes(StandardCharsets.ISO_8859_1), TRUST_ROOT);
    assertThat(v.status()).isEqualTo(VerdictStatus.INVALID);
    assertThat(v.codes())
        .containsExactly(
            ReasonCode.CONTENT_CHANGED, ReasonCode.FROM_NOT_SIGNER, ReasonCode.REVOCATION_UNKNOWN);
    assertThat(v.mostSerious()).map(Finding::code).contains(ReasonCode.CONTENT_CHANGED);
  }

  @Test
  void signerWhoseCertificateIsItselfTrustedIsValidTrusted() throws Exception {
    Verdict v =
        verdict(
            sign(alice, fromAlice), TrustSettings.builder().anchor(alice.certificate()).build());
    assertThat(v.status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
  }

  private static String boundaryOf(String message) {
    int start = message.indexOf("boundary=\"") + 10;
    return message.substring(start, message.indexOf('"', start));
  }

  private static byte[] sign(Identity signer, byte[] message) throws Exception {
    return sign(signer, message, CertificateInclusion.CHAIN);
  }

  private static byte[] sign(Identity signer, byte[] message, CertificateInclusion inclusion)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageSigner.builder(signer.keyHandle())
        .chain(signer.chain())
        .certificates(inclusion)
        .form(SignatureForm.DETACHED)
        .build()
        .sign(new ByteArrayInputStream(message), out);
    return out.toByteArray();
  }

  private static Verdict verdict(byte[] signed, TrustSettings trust) throws Exception {
    try (ReadResult result =
        MessageReader.builder().trust(trust).build().read(new ByteArrayInputStream(signed))) {
      return result.verdict().orElseThrow();
    }
  }
}
