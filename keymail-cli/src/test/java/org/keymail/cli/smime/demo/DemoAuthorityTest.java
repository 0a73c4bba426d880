package org.keymail.cli.smime.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keymail.pki.template.KeyType;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.KeyUseException;

/**
 * The demo's CA is keymail's own: a root and an issuing CA as an organisation's server founds them,
 * and e-mail certificates of the built-in Secure Email template (RFC 5280, S/MIME Baseline
 * Requirements "strict"); keymail-pki's IssuanceProfileTest checks that profile field by field.
 */
class DemoAuthorityTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";

  static DemoAuthority authority;
  static KeyPair rsa;
  static KeyPair ec;
  static X509Certificate rsaUser;
  static X509Certificate ecUser;

  @BeforeAll
  static void issue() throws Exception {
    authority = DemoAuthority.create("Example Org", CLOCK);
    rsa = DemoKeys.generate(KeyType.RSA_2048);
    ec = DemoKeys.generate(KeyType.EC_P256);
    rsaUser = authority.issueEmailCertificate("alice@example.org", "Alice", rsa.getPublic());
    ecUser = authority.issueEmailCertificate("bob@example.org", "Bob", ec.getPublic());
  }

  @Test
  void aRootAndAnIssuingCaUnderItAsAnOrganisationGetsThem() throws Exception {
    X509Certificate root = authority.root();
    X509Certificate issuing = authority.issuing();

    root.verify(root.getPublicKey());
    issuing.verify(root.getPublicKey());
    assertThat(root.getSubjectX500Principal().getName())
        .isEqualTo("CN=Example Org Root CA,O=Example Org");
    assertThat(issuing.getSubjectX500Principal().getName())
        .isEqualTo("CN=Example Org Issuing CA,O=Example Org");
    assertThat(KeyType.describe(root.getPublicKey())).isEqualTo("ec-p384");
    assertThat(KeyType.describe(issuing.getPublicKey())).isEqualTo("ec-p256");
    assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
    assertThat(issuing.getBasicConstraints()).isZero();
    assertThat(issuing.getExtensionValue(Extension.cRLDistributionPoints.getId())).isNotNull();
  }

  @Test
  void peopleGetTheSecureEmailTemplatesCertificate() throws Exception {
    for (X509Certificate user : List.of(rsaUser, ecUser)) {
      user.verify(authority.issuing().getPublicKey());
      assertThat(user.getExtendedKeyUsage()).containsExactly(EMAIL_PROTECTION);
      assertThat(user.getBasicConstraints()).isEqualTo(-1);
      assertThat(user.getCriticalExtensionOIDs())
          .containsExactlyInAnyOrder(
              Extension.keyUsage.getId(), Extension.basicConstraints.getId());
      // Field by field, CertificateIssuer.issueUnrecorded's profile is keymail-pki's to test.
      assertThat(user.getNonCriticalExtensionOIDs())
          .contains(
              Extension.certificatePolicies.getId(),
              Extension.cRLDistributionPoints.getId(),
              Extension.authorityInfoAccess.getId());
      // The template's 365 days, counted inclusively, from now.
      assertThat(user.getNotBefore().toInstant()).isEqualTo(NOW);
      assertThat(Duration.between(NOW, user.getNotAfter().toInstant()))
          .isEqualTo(Duration.ofDays(365).minusSeconds(1));
      assertThat(user.getSerialNumber().bitLength()).isGreaterThan(64);
    }
    assertThat(rsaUser.getSubjectAlternativeNames())
        .containsExactly(List.of(1, "alice@example.org"));
    assertThat(CertificateNames.subject(rsaUser))
        .isEqualTo("O=Example Org, CN=Alice, E=alice@example.org");
  }

  @Test
  void keyUsageFollowsTheKeyTypeAndNothingMore() {
    // [0] digitalSignature, [1] nonRepudiation, [2] keyEncipherment, [4] keyAgreement
    assertThat(rsaUser.getKeyUsage()).startsWith(true, false, true, false, false);
    assertThat(ecUser.getKeyUsage()).startsWith(true, false, false, false, true);
  }

  @Test
  void anEarlierRunsCaIsRebuiltFromItsKeysAndRefusedWithAnotherKey() throws Exception {
    DemoAuthority again =
        DemoAuthority.of(
            "Example Org",
            authority.root(),
            authority.rootKey(),
            authority.issuing(),
            authority.issuingKey(),
            CLOCK);

    again
        .issueEmailCertificate("carol@example.org", "Carol", ec.getPublic())
        .verify(authority.issuing().getPublicKey());
    assertThatThrownBy(
            () ->
                DemoAuthority.of(
                    "Example Org",
                    authority.root(),
                    authority.issuingKey(),
                    authority.issuing(),
                    authority.rootKey(),
                    CLOCK))
        .isInstanceOf(KeyUseException.class);
  }
}
