package org.keymail.pki.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keymail.pki.trust.testing.MintedPki;
import org.keymail.pki.trust.testing.MintedPki.Issued;
import org.keymail.smime.SoftwareKeyHandle;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.smime.verdict.TrustSettings;
import org.keymail.smime.verdict.VerdictStatus;

class TrustAnchorsTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  private final Issued ourRoot = MintedPki.root(NOW);
  private final Issued partnerRoot = MintedPki.root(NOW);

  @Test
  void anchorsAreTheOrganisationRootThenImportedRootsWithoutPublicRootsByDefault()
      throws Exception {
    TrustAnchors anchors =
        TrustAnchors.builder()
            .organisationRoot(ourRoot.certificate())
            .thirdPartyRoot(ThirdPartyRoot.parse(partnerRoot.certificate().getEncoded(), NOW))
            .build();

    assertThat(anchors.anchors()).containsExactly(ourRoot.certificate(), partnerRoot.certificate());
    assertThat(anchors.publicRoots()).isEmpty();
  }

  @Test
  void refusesARootThatIsAlreadyTrusted() throws Exception {
    TrustAnchors.Builder builder = TrustAnchors.builder().organisationRoot(ourRoot.certificate());
    ThirdPartyRoot partner = ThirdPartyRoot.parse(partnerRoot.certificate().getEncoded(), NOW);
    builder.thirdPartyRoot(partner);

    assertThatThrownBy(() -> builder.thirdPartyRoot(partner))
        .isInstanceOf(RootRefusedException.class)
        .hasMessage("the certificate of " + partner.name() + " is already trusted");
    assertThatThrownBy(
            () ->
                builder.thirdPartyRoot(
                    ThirdPartyRoot.parse(ourRoot.certificate().getEncoded(), NOW)))
        .extracting(e -> ((RootRefusedException) e).problem())
        .isEqualTo(RootRefusedException.Problem.DUPLICATE);
  }

  @Test
  void widelyTrustedRootsComeFromTheJdkTrustStoreOnlyWhenAskedFor() {
    List<X509Certificate> jdk = PublicRoots.fromJdk();
    TrustAnchors anchors =
        TrustAnchors.builder().organisationRoot(ourRoot.certificate()).widelyTrusted(jdk).build();

    assertThat(jdk)
        .hasSizeGreaterThan(50)
        .allMatch(c -> c.getBasicConstraints() >= 0 || c.getVersion() < 3);
    assertThat(anchors.anchors()).hasSize(jdk.size() + 1).startsWith(ourRoot.certificate());
  }

  @Test
  void mailFromAPartnerIsTrustedOnceItsRootIsImported() throws Exception {
    Issued partnerCa = MintedPki.issuingCa(partnerRoot, NOW);
    Issued dave = MintedPki.emailUser(partnerCa, "dave@partner.example", NOW);
    byte[] signed = sign(dave, partnerCa);

    TrustAnchors ours = TrustAnchors.builder().organisationRoot(ourRoot.certificate()).build();
    TrustAnchors withPartner =
        TrustAnchors.builder()
            .organisationRoot(ourRoot.certificate())
            .thirdPartyRoot(
                ThirdPartyRoot.parse(
                    ThirdPartyRootTest.pem(partnerRoot.certificate())
                        .getBytes(StandardCharsets.US_ASCII),
                    NOW))
            .build();

    assertThat(status(signed, ours)).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
    assertThat(status(signed, withPartner)).isEqualTo(VerdictStatus.VALID_TRUSTED);
  }

  private static byte[] sign(Issued signer, Issued ca) throws Exception {
    byte[] message =
        ("From: dave@partner.example\r\n"
                + "To: alice@example.org\r\n"
                + "Subject: offer\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Our offer.\r\n")
            .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageSigner.builder(SoftwareKeyHandle.of(signer.privateKey(), signer.certificate()))
        .chain(List.of(ca.certificate()))
        .build()
        .sign(new ByteArrayInputStream(message), out);
    return out.toByteArray();
  }

  private static VerdictStatus status(byte[] signed, TrustAnchors anchors) throws Exception {
    TrustSettings trust = anchors.applyTo(TrustSettings.builder()).at(NOW).build();
    try (ReadResult result =
        MessageReader.builder().trust(trust).build().read(new ByteArrayInputStream(signed))) {
      return result.verdict().orElseThrow().status();
    }
  }
}
