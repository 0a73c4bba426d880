package org.keymail.pki.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keymail.pki.trust.testing.MintedPki;
import org.keymail.pki.trust.testing.MintedPki.Issued;
import org.keymail.smime.verdict.CertificateInPath;
import org.keymail.smime.verdict.RevocationCheck;
import org.keymail.smime.verdict.RevocationStatus;

class FirstKnownAnswerTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  private final Issued root = MintedPki.root(NOW);
  private final Issued ca = MintedPki.issuingCa(root, NOW);
  private final Issued carol = MintedPki.emailSpec("carol@partner.example", NOW).issuedBy(ca);

  @Test
  void takesTheFirstCheckThatKnows() {
    RevocationCheck revoked =
        (certificate, issuer, at) ->
            new RevocationStatus.Revoked(NOW, Optional.of("KEY_COMPROMISE"), "test");

    assertThat(
            FirstKnownAnswer.of(unknown("no answer"), revoked)
                .check(carol.certificate(), ca.certificate(), NOW))
        .isInstanceOf(RevocationStatus.Revoked.class);
  }

  @Test
  void aNestedFirstKnownAnswerSaysItsReasonsOnce() {
    RevocationCheck inner = FirstKnownAnswer.of(unknown("no OCSP responder"), unknown("no CRL"));

    assertThat(
            FirstKnownAnswer.of(unknown("no CRL was given"), inner)
                .check(carol.certificate(), ca.certificate(), NOW))
        .isEqualTo(
            new RevocationStatus.Unknown(
                "revocation could not be checked: no CRL was given; no OCSP responder; no CRL"));
  }

  @Test
  void passesTheCertificatesPlaceInItsPathOn() {
    List<CertificateInPath> asked = new ArrayList<>();
    RevocationCheck pathAware =
        new RevocationCheck() {
          @Override
          public RevocationStatus check(
              X509Certificate certificate, X509Certificate issuer, Instant at) {
            throw new AssertionError("asked without the path");
          }

          @Override
          public RevocationStatus check(CertificateInPath position, Instant at) {
            asked.add(position);
            return new RevocationStatus.Good("test");
          }
        };
    CertificateInPath position =
        new CertificateInPath(
            List.of(carol.certificate(), ca.certificate()), 0, root.certificate(), List.of());

    assertThat(
            FirstKnownAnswer.of(unknown("no answer"), FirstKnownAnswer.of(pathAware))
                .check(position, NOW))
        .isInstanceOf(RevocationStatus.Good.class);
    assertThat(asked).containsExactly(position);
  }

  private static RevocationCheck unknown(String why) {
    return (certificate, issuer, at) -> new RevocationStatus.Unknown(why);
  }
}
