package org.keymail.smime.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.TestPki;

/**
 * Revocation of every certificate of the signer's path (RFC 5280 §6.3) and what an unknown status
 * counts for under each {@link RevocationPolicy}, judged through {@link MessageReader}.
 */
class RevocationOfThePathTest {

  private static final TestPki PKI = TestPki.create();
  private static final Instant NOW =
      Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  private static final Instant AN_HOUR_AGO = NOW.minus(Duration.ofHours(1));
  private static final Instant NEXT_WEEK = NOW.plus(Duration.ofDays(7));

  private final Identity alice = PKI.user("alice@example.org", KeyType.EC_P256);
  private final byte[] signed = sign(alice);
  private final String issuingCa = CertificateNames.subject(PKI.issuing());

  @Test
  void everyCertificateOfThePathIsAskedAboutAndAnUnknownAuthorityIsNoted() throws Exception {
    Verdict v = verdict(crls(PKI.crl(AN_HOUR_AGO, NEXT_WEEK)), RevocationPolicy.SOFT_FAIL);

    assertThat(v.status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
    assertThat(v.codes()).containsExactly(ReasonCode.AUTHORITY_REVOCATION_UNKNOWN);
    assertThat(v.notes())
        .containsExactly(
            "revocation of the authority "
                + issuingCa
                + " was not established: no CRL of "
                + CertificateNames.subject(PKI.root())
                + " was given");
  }

  @Test
  void hardFailKeepsKeymailFromVouchingWhenAStatusIsUnknown() throws Exception {
    Verdict v = verdict(crls(PKI.crl(AN_HOUR_AGO, NEXT_WEEK)), RevocationPolicy.HARD_FAIL);

    assertThat(v.status()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
    assertThat(v.codes()).containsExactly(ReasonCode.AUTHORITY_REVOCATION_NOT_ESTABLISHED);
    assertThat(v.reason())
        .isEqualTo(
            "the signature is valid, but whether the certificate of the authority "
                + issuingCa
                + " was revoked could not be established, and your trust settings require it (no CRL of "
                + CertificateNames.subject(PKI.root())
                + " was given)");
  }

  @Test
  void hardFailIsSatisfiedWhenEveryCertificateIsKnownGood() throws Exception {
    Verdict v =
        verdict(
            crls(PKI.crl(AN_HOUR_AGO, NEXT_WEEK), PKI.rootCrl(AN_HOUR_AGO, NEXT_WEEK)),
            RevocationPolicy.HARD_FAIL);

    assertThat(v.status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
    assertThat(v.findings()).isEmpty();
  }

  @Test
  void aCrlSignedMomentsAfterTheTimeCheckedCountsAsTheOtherClocksSkew() throws Exception {
    Instant inAMinute = NOW.plus(Duration.ofMinutes(1));
    Verdict fresh =
        verdict(
            crls(PKI.crl(inAMinute, NEXT_WEEK), PKI.rootCrl(inAMinute, NEXT_WEEK)),
            RevocationPolicy.HARD_FAIL);
    assertThat(fresh.status()).isEqualTo(VerdictStatus.VALID_TRUSTED);

    Instant inAnHour = NOW.plus(Duration.ofHours(1));
    Verdict future =
        verdict(
            crls(PKI.crl(inAnHour, NEXT_WEEK), PKI.rootCrl(AN_HOUR_AGO, NEXT_WEEK)),
            RevocationPolicy.HARD_FAIL);
    assertThat(future.status()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
    assertThat(future.reason()).contains("is newer than the time checked");
  }

  @Test
  void revocationNotCheckedAtAllIsSaidOnce() throws Exception {
    Verdict soft = verdict(RevocationCheck.none(), RevocationPolicy.SOFT_FAIL);
    Verdict hard = verdict(RevocationCheck.none(), RevocationPolicy.HARD_FAIL);

    assertThat(soft.notes()).containsExactly("revocation was not checked");
    assertThat(hard.codes()).containsExactly(ReasonCode.REVOCATION_NOT_ESTABLISHED);
  }

  @Test
  void aRevokedSignerIsRevokedEvenWhenItsCasStatusIsUnknown() throws Exception {
    // The root's CRL is missing, so the path fails above the signer; the signer's own CRL still
    // counts.
    Verdict v =
        verdict(
            crls(PKI.crl(AN_HOUR_AGO, NEXT_WEEK, alice.certificate())), RevocationPolicy.SOFT_FAIL);

    assertThat(v.status()).isEqualTo(VerdictStatus.INVALID);
    assertThat(v.codes())
        .containsExactly(ReasonCode.SIGNER_REVOKED, ReasonCode.AUTHORITY_REVOCATION_UNKNOWN);
    assertThat(v.reason())
        .isEqualTo("the signer's certificate was revoked on " + AN_HOUR_AGO + " (key-compromise)");
  }

  @Test
  void aRevokedIssuingCaMakesTheSignatureInvalid() throws Exception {
    Verdict v =
        verdict(
            crls(
                PKI.crl(AN_HOUR_AGO, NEXT_WEEK),
                PKI.rootCrl(AN_HOUR_AGO, NEXT_WEEK, PKI.issuing())),
            RevocationPolicy.SOFT_FAIL);

    assertThat(v.status()).isEqualTo(VerdictStatus.INVALID);
    assertThat(v.codes()).contains(ReasonCode.AUTHORITY_REVOKED);
    assertThat(v.reason())
        .isEqualTo(
            "the certificate of the authority "
                + issuingCa
                + " was revoked on "
                + AN_HOUR_AGO
                + " (key-compromise)");
  }

  private static RevocationCheck crls(java.security.cert.X509CRL... crls) {
    return new CrlRevocationCheck(List.of(crls));
  }

  private Verdict verdict(RevocationCheck check, RevocationPolicy policy) throws Exception {
    TrustSettings trust =
        TrustSettings.builder()
            .anchor(PKI.root())
            .revocation(check)
            .revocationPolicy(policy)
            .at(NOW)
            .build();
    try (ReadResult result =
        MessageReader.builder().trust(trust).build().read(new ByteArrayInputStream(signed))) {
      return result.verdict().orElseThrow();
    }
  }

  private static byte[] sign(Identity signer) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      MessageSigner.builder(signer.keyHandle())
          .chain(signer.chain())
          .build()
          .sign(
              new ByteArrayInputStream(
                  Messages.text("alice@example.org", "bob@example.org", "Hello.\r\n")),
              out);
      return out.toByteArray();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
