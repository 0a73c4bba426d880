package org.keymail.smime.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.cert.CertPathBuilderException;
import java.security.cert.PKIXCertPathBuilderResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.testing.UserSpec;
import org.keymail.smime.verdict.CrlRevocationCheck;
import org.keymail.smime.verdict.TrustSettings;
import org.keymail.smime.verdict.Verdict;
import org.keymail.smime.verdict.VerdictStatus;

/**
 * Remembered certification paths never hide what changed since: revocation, expiry of the signer or
 * of an authority on the path, and the trust anchors are judged again on every read.
 */
class CertificationPathsTest {

  private final TestPki pki = TestPki.create();
  private final Instant now = Instant.now();

  @Test
  void aRememberedPathIsGivenBackOnlyWhileEveryCertificateOnItIsValid() throws Exception {
    Identity alice = pki.user("alice@example.org", KeyType.EC_P256);
    CertificationPaths paths = new CertificationPaths(4);
    List<java.security.cert.X509Certificate> pool = List.of(alice.certificate(), pki.issuing());
    PKIXCertPathBuilderResult first =
        paths.build(alice.certificate(), List.of(pki.root()), pool, Date.from(now));
    assertThat(
            paths.build(
                alice.certificate(), List.of(pki.root()), pool, Date.from(now.plusSeconds(60))))
        .isSameAs(first);

    Date afterAlice =
        Date.from(alice.certificate().getNotAfter().toInstant().plus(1, ChronoUnit.DAYS));
    assertThatThrownBy(
            () -> paths.build(alice.certificate(), List.of(pki.root()), pool, afterAlice))
        .isInstanceOf(CertPathBuilderException.class);
  }

  @Test
  void revokedSignerIsCaughtAfterItsPathWasRemembered() throws Exception {
    Identity alice = pki.user("alice@example.org", KeyType.RSA_2048);
    byte[] signed = sign(alice);
    assertThat(verdict(signed, trust().build()).status()).isEqualTo(VerdictStatus.VALID_TRUSTED);

    var crl =
        pki.crl(now.minus(1, ChronoUnit.HOURS), now.plus(7, ChronoUnit.DAYS), alice.certificate());
    Verdict revoked =
        verdict(signed, trust().revocation(new CrlRevocationCheck(List.of(crl))).build());
    assertThat(revoked.status()).isEqualTo(VerdictStatus.INVALID);
    assertThat(revoked.reason()).startsWith("the signer's certificate was revoked on ");
  }

  @Test
  void expiredSignerIsCaughtAfterItsPathWasRemembered() throws Exception {
    Identity alice = pki.user("alice@example.org", KeyType.RSA_2048);
    byte[] signed = sign(alice);
    assertThat(verdict(signed, trust().build()).status()).isEqualTo(VerdictStatus.VALID_TRUSTED);

    Instant later = alice.certificate().getNotAfter().toInstant().plus(1, ChronoUnit.DAYS);
    Verdict expired = verdict(signed, trust().at(later).build());
    assertThat(expired.status()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
    assertThat(expired.reason()).contains("the signer's certificate expired on");
  }

  @Test
  void expiredAuthorityOnTheRememberedPathIsCaught() throws Exception {
    Identity alice =
        pki.user(
            UserSpec.email("alice@example.org")
                .keyType(KeyType.RSA_2048)
                .notAfter(now.plus(Duration.ofDays(4000)))
                .build());
    byte[] signed = sign(alice);
    assertThat(verdict(signed, trust().build()).status()).isEqualTo(VerdictStatus.VALID_TRUSTED);

    Instant afterTheIssuingCa = pki.issuing().getNotAfter().toInstant().plus(1, ChronoUnit.DAYS);
    Verdict later = verdict(signed, trust().at(afterTheIssuingCa).build());
    assertThat(later.status()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
    assertThat(later.reason())
        .contains(
            "the certificate of the authority "
                + org.keymail.smime.CertificateNames.subject(pki.issuing()))
        .contains("expired on");
  }

  @Test
  void anotherTrustAnchorDoesNotGetTheRememberedPath() throws Exception {
    Identity alice = pki.user("alice@example.org", KeyType.RSA_2048);
    byte[] signed = sign(alice);
    assertThat(verdict(signed, trust().build()).status()).isEqualTo(VerdictStatus.VALID_TRUSTED);

    TestPki other = TestPki.create();
    Verdict untrusted = verdict(signed, TrustSettings.builder().anchor(other.root()).build());
    assertThat(untrusted.status()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
  }

  private TrustSettings.Builder trust() {
    return TrustSettings.builder().anchor(pki.root());
  }

  private static byte[] sign(Identity signer) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageSigner.builder(signer.keyHandle())
        .chain(signer.chain())
        .build()
        .sign(
            new ByteArrayInputStream(
                Messages.text(signer.email(), "bob@example.org", "Remember me.\r\n")),
            out);
    return out.toByteArray();
  }

  private static Verdict verdict(byte[] message, TrustSettings trust) throws Exception {
    try (ReadResult result =
        MessageReader.builder().trust(trust).build().read(new ByteArrayInputStream(message))) {
      return result.verdict().orElseThrow();
    }
  }
}
