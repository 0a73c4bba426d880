package org.keymail.pki.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keymail.pki.trust.testing.MintedPki;
import org.keymail.pki.trust.testing.MintedPki.Issued;
import org.keymail.smime.verdict.RevocationStatus;

class CrlDistributionPointCheckTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  private final LocalRevocationServer server;
  private final Issued root = MintedPki.root(NOW);
  private final Issued otherCa = MintedPki.issuingCa(root, NOW);
  private final CrlDistributionPointCheck crls =
      new CrlDistributionPointCheck(Duration.ofMillis(500));
  private final OcspClientCheck ocsp =
      OcspClientCheck.builder().timeout(Duration.ofMillis(500)).build();

  CrlDistributionPointCheckTest() throws Exception {
    server = new LocalRevocationServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void revokedWhenTheDownloadedCrlListsTheCertificate() throws Exception {
    Issued alice =
        MintedPki.emailSpec("alice@partner.example", NOW)
            .crlUrl(server.url("/crl"))
            .issuedBy(otherCa);
    server.serveCrl(
        MintedPki.crl(
                otherCa, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)), alice.certificate())
            .getEncoded());

    assertThat(crls.check(alice.certificate(), otherCa.certificate(), NOW))
        .isInstanceOf(RevocationStatus.Revoked.class);
  }

  @Test
  void goodWhenTheCrlDoesNotListIt() throws Exception {
    Issued bob =
        MintedPki.emailSpec("bob@partner.example", NOW)
            .crlUrl(server.url("/crl"))
            .issuedBy(otherCa);
    server.serveCrl(
        MintedPki.crl(otherCa, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1))).getEncoded());

    assertThat(crls.check(bob.certificate(), otherCa.certificate(), NOW))
        .isInstanceOf(RevocationStatus.Good.class);
  }

  @Test
  void aCrlIsDownloadedAgainOnlyAfterItsNextUpdate() throws Exception {
    Issued bob =
        MintedPki.emailSpec("bob@partner.example", NOW)
            .crlUrl(server.url("/crl"))
            .issuedBy(otherCa);
    Issued carol =
        MintedPki.emailSpec("carol@partner.example", NOW)
            .crlUrl(server.url("/crl"))
            .issuedBy(otherCa);
    server.serveCrl(
        MintedPki.crl(otherCa, NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1))).getEncoded());

    assertThat(crls.check(bob.certificate(), otherCa.certificate(), NOW))
        .isInstanceOf(RevocationStatus.Good.class);
    assertThat(crls.check(carol.certificate(), otherCa.certificate(), NOW.plusSeconds(600)))
        .isInstanceOf(RevocationStatus.Good.class);
    assertThat(server.crlDownloads()).isEqualTo(1);

    // Past the next update the issuer has published a new CRL, which now lists Carol.
    Instant later = NOW.plus(Duration.ofHours(2));
    server.serveCrl(
        MintedPki.crl(
                otherCa,
                later.minusSeconds(60),
                later.plus(Duration.ofHours(1)),
                carol.certificate())
            .getEncoded());
    assertThat(crls.check(carol.certificate(), otherCa.certificate(), later))
        .isInstanceOf(RevocationStatus.Revoked.class);
    assertThat(server.crlDownloads()).isEqualTo(2);
  }

  @Test
  void aRememberedNotRevokedHoldsOnlyWhileTheCertificateIsCurrent() throws Exception {
    Instant expiry = NOW.plus(Duration.ofMinutes(30));
    Issued dave =
        MintedPki.emailSpec("dave@partner.example", NOW)
            .validity(NOW.minus(Duration.ofDays(1)), expiry)
            .crlUrl(server.url("/crl"))
            .issuedBy(otherCa);
    server.serveCrl(
        MintedPki.crl(otherCa, NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1))).getEncoded());

    assertThat(crls.check(dave.certificate(), otherCa.certificate(), NOW))
        .isInstanceOf(RevocationStatus.Good.class);
    assertThat(crls.check(dave.certificate(), otherCa.certificate(), NOW.plusSeconds(60)))
        .isInstanceOf(RevocationStatus.Good.class);

    // Same CRL, still current, but the certificate has expired: judged again, not remembered.
    RevocationStatus afterExpiry =
        crls.check(dave.certificate(), otherCa.certificate(), expiry.plusSeconds(60));
    assertThat(afterExpiry)
        .isEqualTo(
            new CrlDistributionPointCheck(Duration.ofMillis(500))
                .check(dave.certificate(), otherCa.certificate(), expiry.plusSeconds(60)));
    assertThat(afterExpiry).isNotInstanceOf(RevocationStatus.Good.class);
  }

  @Test
  void fallsBackToTheCrlWhenTheOcspResponderIsDown() throws Exception {
    Issued carol =
        MintedPki.emailSpec("carol@partner.example", NOW)
            .ocspUrl(server.url("/broken"))
            .crlUrl(server.url("/crl"))
            .issuedBy(otherCa);
    server.serveCrl(
        MintedPki.crl(
                otherCa, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)), carol.certificate())
            .getEncoded());

    assertThat(
            FirstKnownAnswer.ocspThenCrl(ocsp, crls)
                .check(carol.certificate(), otherCa.certificate(), NOW))
        .isInstanceOf(RevocationStatus.Revoked.class);
  }

  @Test
  void unknownWithEveryReasonWhenNeitherAnswers() {
    Issued dave =
        MintedPki.emailSpec("dave@partner.example", NOW)
            .ocspUrl(server.url("/slow"))
            .crlUrl(server.url("/broken"))
            .issuedBy(otherCa);

    assertThat(
            FirstKnownAnswer.ocspThenCrl(ocsp, crls)
                .check(dave.certificate(), otherCa.certificate(), NOW))
        .isEqualTo(
            new RevocationStatus.Unknown(
                "revocation could not be checked: the OCSP responder at "
                    + server.url("/slow")
                    + " did not answer within 500 ms; the CRL server at "
                    + server.url("/broken")
                    + " answered HTTP 500"));
  }

  @Test
  void unknownWhenTheCrlIsSignedBySomeoneElse() throws Exception {
    Issued erin =
        MintedPki.emailSpec("erin@partner.example", NOW)
            .crlUrl(server.url("/crl"))
            .issuedBy(otherCa);
    Issued stranger = MintedPki.issuingCa(root, NOW);
    server.serveCrl(
        MintedPki.crl(
                stranger, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)), erin.certificate())
            .getEncoded());

    assertThat(crls.check(erin.certificate(), otherCa.certificate(), NOW))
        .isInstanceOf(RevocationStatus.Unknown.class);
  }
}
