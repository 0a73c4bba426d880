package org.keymail.pki.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keymail.pki.authority.CaKey;
import org.keymail.pki.ocsp.OcspResponder;
import org.keymail.pki.status.CertificateStatus;
import org.keymail.pki.status.RevocationReason;
import org.keymail.pki.trust.testing.MintedPki;
import org.keymail.pki.trust.testing.MintedPki.Issued;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.verdict.RevocationStatus;

class OcspClientCheckTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final Instant REVOKED_AT = Instant.parse("2026-11-25T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final LocalRevocationServer server;
  private final Issued root = MintedPki.root(NOW);
  private final Issued otherCa = MintedPki.issuingCa(root, NOW);
  private final Map<BigInteger, CertificateStatus> records = new HashMap<>();
  private final OcspClientCheck check =
      OcspClientCheck.builder().clock(CLOCK).timeout(Duration.ofMillis(500)).build();

  OcspClientCheckTest() throws Exception {
    server = new LocalRevocationServer();
    server.answerOcsp(responder(otherCa.certificate(), otherCa.caKey())::respond);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OcspResponder responder(X509Certificate ca, CaKey key) {
    return OcspResponder.builder(ca, key)
        .statuses(serial -> records.getOrDefault(serial, new CertificateStatus.Unknown()))
        .clock(CLOCK)
        .build();
  }

  private Issued user(String email, String ocspPath, CertificateStatus status) {
    Issued user = MintedPki.emailSpec(email, NOW).ocspUrl(server.url(ocspPath)).issuedBy(otherCa);
    records.put(user.certificate().getSerialNumber(), status);
    return user;
  }

  @Test
  void goodWhenTheIssuersResponderSaysGood() {
    Issued alice = user("alice@partner.example", "/ocsp", new CertificateStatus.Good());

    assertThat(check.check(alice.certificate(), otherCa.certificate(), NOW))
        .isEqualTo(new RevocationStatus.Good("OCSP responder " + server.url("/ocsp")));
  }

  @Test
  void revokedWithTimeAndReasonWhenTheResponderSaysRevoked() {
    Issued bob =
        user(
            "bob@partner.example",
            "/ocsp",
            new CertificateStatus.Revoked(REVOKED_AT, RevocationReason.KEY_COMPROMISE));

    assertThat(check.check(bob.certificate(), otherCa.certificate(), NOW))
        .isEqualTo(
            new RevocationStatus.Revoked(
                REVOKED_AT,
                Optional.of("KEY_COMPROMISE"),
                "OCSP responder " + server.url("/ocsp")));
  }

  @Test
  void unknownWhenTheResponderDoesNotKnowTheCertificate() {
    Issued carol = user("carol@partner.example", "/ocsp", new CertificateStatus.Unknown());

    assertThat(check.check(carol.certificate(), otherCa.certificate(), NOW))
        .isEqualTo(
            new RevocationStatus.Unknown(
                "the OCSP responder at " + server.url("/ocsp") + " does not know the certificate"));
  }

  @Test
  void unknownWhenTheAnswerIsSignedByAKeyOtherThanTheIssuers() {
    Issued dave =
        user(
            "dave@partner.example",
            "/ocsp",
            new CertificateStatus.Revoked(REVOKED_AT, RevocationReason.UNSPECIFIED));
    Issued impostor = MintedPki.spec(MintedPki.uniqueName("Impostor"), NOW).ca(0).issuedBy(root);
    server.answerOcsp(responder(impostor.certificate(), impostor.caKey())::respond);

    assertThat(check.check(dave.certificate(), otherCa.certificate(), NOW))
        .isEqualTo(
            new RevocationStatus.Unknown(
                "the OCSP responder at "
                    + server.url("/ocsp")
                    + " signed its answer with a key that is neither the issuer's nor an OCSP"
                    + " responder's the issuer authorised"));
  }

  @Test
  void unknownWhenTheSignatureOnTheAnswerDoesNotVerify() {
    Issued erin = user("erin@partner.example", "/ocsp", new CertificateStatus.Good());
    CaKey corrupting =
        new CaKey() {
          @Override
          public java.security.PublicKey publicKey() {
            return otherCa.caKey().publicKey();
          }

          @Override
          public byte[] sign(SignatureAlgorithm algorithm, byte[] toBeSigned)
              throws KeyUseException {
            byte[] altered = toBeSigned.clone();
            altered[altered.length - 1] ^= 1;
            return otherCa.caKey().sign(algorithm, altered);
          }
        };
    server.answerOcsp(responder(otherCa.certificate(), corrupting)::respond);

    assertThat(check.check(erin.certificate(), otherCa.certificate(), NOW))
        .isEqualTo(
            new RevocationStatus.Unknown(
                "the OCSP responder at "
                    + server.url("/ocsp")
                    + " sent an answer whose signature does not verify"));
  }

  @Test
  void acceptsADelegatedResponderCertificateTheIssuerGaveOcspSigning() {
    Issued frank = user("frank@partner.example", "/ocsp", new CertificateStatus.Good());
    Issued delegate =
        MintedPki.spec(MintedPki.uniqueName("OCSP responder"), NOW)
            .keyUsage(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature)
            .extendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning)
            .issuedBy(otherCa);
    server.answerOcsp(responder(delegate.certificate(), delegate.caKey())::respond);

    // The delegate's CertID hashes name the delegate, so it answers "unknown" - signed correctly.
    assertThat(check.check(frank.certificate(), otherCa.certificate(), NOW))
        .isInstanceOf(RevocationStatus.Unknown.class)
        .extracting(s -> ((RevocationStatus.Unknown) s).why())
        .isEqualTo(
            "the OCSP responder at " + server.url("/ocsp") + " does not know the certificate");
  }

  @Test
  void unknownWhenTheResponderDoesNotAnswerInTime() {
    Issued grace = user("grace@partner.example", "/slow", new CertificateStatus.Good());

    assertThat(check.check(grace.certificate(), otherCa.certificate(), NOW))
        .isEqualTo(
            new RevocationStatus.Unknown(
                "the OCSP responder at " + server.url("/slow") + " did not answer within 500 ms"));
  }

  @Test
  void unknownWhenTheResponderFailsOrAnswersGarbage() {
    Issued heidi = user("heidi@partner.example", "/broken", new CertificateStatus.Good());
    assertThat(check.check(heidi.certificate(), otherCa.certificate(), NOW))
        .isEqualTo(
            new RevocationStatus.Unknown(
                "the OCSP responder at " + server.url("/broken") + " answered HTTP 500"));

    Issued ivan = user("ivan@partner.example", "/ocsp", new CertificateStatus.Good());
    server.answerOcsp(
        request -> "not an OCSP response".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(check.check(ivan.certificate(), otherCa.certificate(), NOW))
        .isEqualTo(
            new RevocationStatus.Unknown(
                "the OCSP responder at "
                    + server.url("/ocsp")
                    + " sent an answer that cannot be read"));
  }

  @Test
  void unknownWhenTheAnswerIsOutdated() {
    Issued judy = user("judy@partner.example", "/ocsp", new CertificateStatus.Good());
    OcspClientCheck later =
        OcspClientCheck.builder()
            .clock(Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC))
            .build();

    assertThat(later.check(judy.certificate(), otherCa.certificate(), NOW))
        .extracting(s -> ((RevocationStatus.Unknown) s).why())
        .isEqualTo(
            "the OCSP responder at "
                + server.url("/ocsp")
                + " sent an outdated answer (valid until 2026-11-26T11:00:00Z)");
  }

  @Test
  void unknownWhenTheCertificateNamesNoResponder() {
    Issued plain = MintedPki.emailUser(otherCa, "ken@partner.example", NOW);

    assertThat(check.check(plain.certificate(), otherCa.certificate(), NOW))
        .isEqualTo(new RevocationStatus.Unknown("the certificate names no OCSP responder"));
  }
}
