package org.keymail.pki.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.keymail.pki.trust.RootRefusedException.Problem;
import org.keymail.pki.trust.testing.MintedPki;
import org.keymail.pki.trust.testing.MintedPki.Issued;

class ThirdPartyRootTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  private final Issued partnerRoot = MintedPki.root(NOW);

  @Test
  void readsARootInDerAndInPem() throws Exception {
    X509Certificate root = partnerRoot.certificate();

    assertThat(ThirdPartyRoot.parse(root.getEncoded(), NOW).certificate()).isEqualTo(root);
    assertThat(
            ThirdPartyRoot.parse(pem(root).getBytes(StandardCharsets.US_ASCII), NOW).certificate())
        .isEqualTo(root);
  }

  @Test
  void acceptsAnIntermediateCaThatSaysCaTrue() throws Exception {
    Issued intermediate = MintedPki.issuingCa(partnerRoot, NOW);

    assertThat(ThirdPartyRoot.parse(intermediate.certificate().getEncoded(), NOW).name())
        .isEqualTo(org.keymail.smime.CertificateNames.subject(intermediate.certificate()));
  }

  @Test
  void refusesAnEndEntityCertificate() throws Exception {
    Issued user =
        MintedPki.emailUser(MintedPki.issuingCa(partnerRoot, NOW), "alice@partner.example", NOW);

    assertRefused(
        user.certificate().getEncoded(),
        Problem.NOT_A_CA,
        "the certificate of "
            + org.keymail.smime.CertificateNames.subject(user.certificate())
            + " is not a CA certificate (its basic constraints do not say CA:true)");
  }

  @Test
  void refusesAnExpiredOrNotYetValidRoot() throws Exception {
    Instant end = NOW.minus(Duration.ofDays(3));
    Issued expired =
        MintedPki.spec(MintedPki.uniqueName("Old Root"), NOW)
            .validity(NOW.minus(Duration.ofDays(400)), end)
            .ca(-1)
            .selfSigned();
    Instant start = NOW.plus(Duration.ofDays(3));
    Issued future =
        MintedPki.spec(MintedPki.uniqueName("Future Root"), NOW)
            .validity(start, NOW.plus(Duration.ofDays(400)))
            .ca(-1)
            .selfSigned();

    assertRefused(
        expired.certificate().getEncoded(),
        Problem.EXPIRED,
        "the certificate of "
            + org.keymail.smime.CertificateNames.subject(expired.certificate())
            + " expired on "
            + end);
    assertRefused(
        future.certificate().getEncoded(),
        Problem.NOT_YET_VALID,
        "the certificate of "
            + org.keymail.smime.CertificateNames.subject(future.certificate())
            + " is not valid before "
            + start);
  }

  @Test
  void refusesASelfIssuedRootWhoseSignatureIsNotItsOwn() throws Exception {
    X500Name name =
        X500Name.getInstance(partnerRoot.certificate().getSubjectX500Principal().getEncoded());
    Issued forged =
        MintedPki.spec(name, NOW).ca(-1).forgedInTheNameOf(partnerRoot.certificate()).forged();

    assertRefused(
        forged.certificate().getEncoded(),
        Problem.BAD_SELF_SIGNATURE,
        "the certificate of "
            + org.keymail.smime.CertificateNames.subject(forged.certificate())
            + " names itself as issuer but its signature does not verify with its own key");
  }

  @Test
  void refusesFilesThatAreNotOneCertificate() throws Exception {
    Issued other = MintedPki.root(NOW);
    String two = pem(partnerRoot.certificate()) + pem(other.certificate());

    assertRefused(
        "hello".getBytes(StandardCharsets.US_ASCII),
        Problem.UNREADABLE,
        "the file is not an X.509 certificate in PEM or DER");
    assertRefused(
        new byte[0], Problem.UNREADABLE, "the file is not an X.509 certificate in PEM or DER");
    assertRefused(
        two.getBytes(StandardCharsets.US_ASCII),
        Problem.MORE_THAN_ONE,
        "the file holds 2 certificates; import one root at a time");
  }

  private static void assertRefused(byte[] bytes, Problem problem, String message) {
    assertThatThrownBy(() -> ThirdPartyRoot.parse(bytes, NOW))
        .isInstanceOf(RootRefusedException.class)
        .hasMessage(message)
        .extracting(e -> ((RootRefusedException) e).problem())
        .isEqualTo(problem);
  }

  static String pem(X509Certificate certificate) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}
