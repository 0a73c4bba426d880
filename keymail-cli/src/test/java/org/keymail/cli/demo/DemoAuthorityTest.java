package org.keymail.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo CA issues certificates of the RFC 8550 e-mail profile that mail clients accept. */
class DemoAuthorityTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";

  static DemoAuthority authority;
  static X509Certificate rsaUser;
  static X509Certificate ecUser;

  @BeforeAll
  static void issue() throws Exception {
    authority = DemoAuthority.create("Example Org", Clock.fixed(NOW, ZoneOffset.UTC));
    KeyPair rsa = DemoKeys.generate(DemoKeys.KeyType.RSA_2048);
    KeyPair ec = DemoKeys.generate(DemoKeys.KeyType.EC_P256);
    rsaUser = authority.issueEmailCertificate("alice@example.org", rsa.getPublic());
    ecUser = authority.issueEmailCertificate("bob@example.org", ec.getPublic());
  }

  @Test
  void rootIsASelfSignedCertificateAuthority() throws Exception {
    X509Certificate root = authority.certificate();

    root.verify(root.getPublicKey());
    assertThat(root.getBasicConstraints()).isNotNegative();
    assertThat(root.getKeyUsage()[5]).as("keyCertSign").isTrue();
  }

  @Test
  void userCertificateNamesTheAddressForEmailProtection() throws Exception {
    rsaUser.verify(authority.certificate().getPublicKey());

    assertThat(rsaUser.getSubjectAlternativeNames())
        .containsExactly(List.of(1, "alice@example.org"));
    assertThat(rsaUser.getExtendedKeyUsage()).containsExactly(EMAIL_PROTECTION);
    assertThat(rsaUser.getBasicConstraints()).isEqualTo(-1);
    assertThat(rsaUser.getSubjectX500Principal().getName()).contains("CN=alice@example.org");
  }

  @Test
  void keyUsageFollowsTheKeyType() {
    // [0] digitalSignature, [2] keyEncipherment, [4] keyAgreement
    assertThat(rsaUser.getKeyUsage()[0]).isTrue();
    assertThat(rsaUser.getKeyUsage()[2]).isTrue();
    assertThat(rsaUser.getKeyUsage()[4]).isFalse();
    assertThat(ecUser.getKeyUsage()[2]).isFalse();
    assertThat(ecUser.getKeyUsage()[4]).isTrue();
  }

  @Test
  void certificatesCarryKeyIdentifiers() {
    assertThat(rsaUser.getExtensionValue("2.5.29.14")).as("subject key identifier").isNotNull();
    assertThat(rsaUser.getExtensionValue("2.5.29.35")).as("authority key identifier").isNotNull();
    assertThat(authority.certificate().getExtensionValue("2.5.29.14")).isNotNull();
  }

  @Test
  void serialNumbersHaveAtLeast64RandomBits() {
    assertThat(rsaUser.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64);
    assertThat(rsaUser.getSerialNumber()).isNotEqualTo(ecUser.getSerialNumber());
    assertThat(rsaUser.getSerialNumber().signum()).isPositive();
  }

  @Test
  void validityStartsBeforeNowAndEndsWithinTheRoots() {
    assertThat(rsaUser.getNotBefore().toInstant()).isBefore(NOW);
    assertThat(rsaUser.getNotAfter()).isBeforeOrEqualTo(authority.certificate().getNotAfter());
  }
}
