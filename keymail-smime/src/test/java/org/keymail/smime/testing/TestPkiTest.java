package org.keymail.smime.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CRLReason;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestPkiTest {

  private static final TestPki PKI = TestPki.create();
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int KEY_ENCIPHERMENT = 2;
  private static final int KEY_AGREEMENT = 4;

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void userCertificateChainsToTheRootUnderPkix(KeyType type) throws Exception {
    Identity alice = PKI.user("alice@example.org", type);

    assertThat(alice.chain()).containsExactly(PKI.issuing(), PKI.root());
    assertThat(validate(alice.certificate(), alice.chain(), PKI.root())).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void userCertificateCarriesTheEmailProfile(KeyType type) throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    X509Certificate cert = PKI.user("bob.smith@example.org", type).certificate();

    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=bob.smith");
    assertThat(cert.getIssuerX500Principal()).isEqualTo(PKI.issuing().getSubjectX500Principal());
    assertThat(cert.getSubjectAlternativeNames())
        .containsExactly(List.of(1, "bob.smith@example.org"));
    assertThat(cert.getExtendedKeyUsage())
        .containsExactly(KeyPurposeId.id_kp_emailProtection.getId());
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getCriticalExtensionOIDs())
        .contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
    assertThat(cert.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
    assertThat(cert.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNotNull();
    boolean[] keyUsage = cert.getKeyUsage();
    boolean signs = type != KeyType.X25519 && type != KeyType.X448;
    boolean agrees = type.name().startsWith("EC") || !signs;
    assertThat(keyUsage[DIGITAL_SIGNATURE]).isEqualTo(signs);
    assertThat(keyUsage[KEY_ENCIPHERMENT]).isEqualTo(type.isRsa());
    assertThat(keyUsage[KEY_AGREEMENT]).isEqualTo(agrees);
    assertThat(cert.getNotBefore().toInstant())
        .isBetween(
            before.minus(Duration.ofDays(1)).minusSeconds(5),
            before.minus(Duration.ofDays(1)).plusSeconds(5));
    assertThat(cert.getNotAfter().toInstant())
        .isBetween(
            before.plus(Duration.ofDays(365)).minusSeconds(5),
            before.plus(Duration.ofDays(365)).plusSeconds(5));
    assertThat(cert.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64);
  }

  @Test
  void identityNamesItsEmailAndSignsThroughAKeyHandle() {
    Identity carol = PKI.user("carol@example.org", KeyType.EC_P256);

    assertThat(carol.email()).isEqualTo("carol@example.org");
    assertThat(carol.keyHandle().certificate()).isEqualTo(carol.certificate());
    assertThat(carol.toString())
        .doesNotContain(carol.privateKey().toString())
        .contains("[redacted]");
  }

  @Test
  void usersOfOnePkiGetDistinctKeysAndSerials() {
    Identity first = PKI.user("first@example.org", KeyType.RSA_2048);
    Identity second = PKI.user("second@example.org", KeyType.RSA_2048);

    assertThat(first.certificate().getPublicKey())
        .isNotEqualTo(second.certificate().getPublicKey());
    assertThat(first.certificate().getSerialNumber())
        .isNotEqualTo(second.certificate().getSerialNumber());
  }

  @Test
  void everyPkiHasItsOwnNames() {
    TestPki other = TestPki.create();

    assertThat(other.root().getSubjectX500Principal())
        .isNotEqualTo(PKI.root().getSubjectX500Principal());
    assertThat(other.root().getSubjectX500Principal().getName())
        .startsWith("CN=keymail Test Root ")
        .endsWith(",O=keymail tests");
  }

  @Test
  void userFromAnotherPkiDoesNotChainToThisRoot() {
    Identity stranger = TestPki.create().user("mallory@example.org", KeyType.EC_P256);

    assertThatThrownBy(() -> validate(stranger.certificate(), List.of(PKI.issuing()), PKI.root()))
        .isInstanceOf(CertPathValidatorException.class);
  }

  @Test
  void specControlsAddressIssuerValidityAndUsages() throws Exception {
    Instant start = Instant.parse("2020-01-01T00:00:00Z");
    Identity odd =
        PKI.user(
            UserSpec.email("dave@example.org")
                .keyType(KeyType.EC_P384)
                .notBefore(start)
                .notAfter(start.plus(Duration.ofDays(30)))
                .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth)
                .subjectAltNameEmail("someone.else@example.org")
                .issuedByRoot()
                .build());

    assertThat(odd.chain()).containsExactly(PKI.root());
    assertThat(odd.certificate().getIssuerX500Principal())
        .isEqualTo(PKI.root().getSubjectX500Principal());
    assertThat(odd.email()).isEqualTo("someone.else@example.org");
    assertThat(odd.certificate().getNotBefore().toInstant()).isEqualTo(start);
    assertThat(odd.certificate().getExtendedKeyUsage())
        .containsExactly(KeyPurposeId.id_kp_serverAuth.getId());
  }

  @Test
  void certificateWithoutSubjectAltNameHasNoEmail() throws Exception {
    Identity anonymous = PKI.user(UserSpec.email("erin@example.org").noSubjectAltName().build());

    assertThat(anonymous.certificate().getSubjectAlternativeNames()).isNull();
    assertThatThrownBy(anonymous::email)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no e-mail address");
  }

  @Test
  void crlIsSignedByTheIssuingCaAndListsTheRevokedCertificate() throws Exception {
    Identity revoked = PKI.user("frank@example.org", KeyType.RSA_2048);
    Identity fine = PKI.user("grace@example.org", KeyType.RSA_2048);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    X509CRL crl = PKI.crl(now, now.plus(Duration.ofDays(7)), revoked.certificate());

    crl.verify(PKI.issuing().getPublicKey());
    assertThat(crl.isRevoked(revoked.certificate())).isTrue();
    assertThat(crl.isRevoked(fine.certificate())).isFalse();
    assertThat(crl.getRevokedCertificate(revoked.certificate()).getRevocationReason())
        .isEqualTo(CRLReason.KEY_COMPROMISE);
    assertThat(crl.getNextUpdate().toInstant()).isEqualTo(now.plus(Duration.ofDays(7)));
  }

  @Test
  void pemAndPkcs12FilesReadBack(@TempDir Path dir) throws Exception {
    Identity alice = PKI.user("alice@example.org", KeyType.RSA_2048);
    char[] password = "test123".toCharArray();

    Path pem = PemFiles.write(dir.resolve("ca.pem"), PKI.root(), PKI.issuing());
    Path p12 = PemFiles.writeP12(dir.resolve("alice.p12"), alice, password);

    try (InputStream in = Files.newInputStream(pem)) {
      List<Certificate> read =
          List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
      assertThat(read).containsExactly(PKI.root(), PKI.issuing());
    }
    KeyStore store = KeyStore.getInstance(p12.toFile(), password);
    String alias = store.aliases().nextElement();
    assertThat(store.getKey(alias, password)).isEqualTo(alice.privateKey());
    assertThat(store.getCertificateChain(alias))
        .containsExactly(alice.certificate(), PKI.issuing(), PKI.root());
  }

  private static Object validate(
      X509Certificate leaf, List<X509Certificate> chain, X509Certificate anchor) throws Exception {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> path = new ArrayList<>();
    path.add(leaf);
    path.addAll(chain.stream().filter(c -> !c.equals(anchor)).toList());
    CertPath certPath = factory.generateCertPath(path);
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
    parameters.setRevocationEnabled(false);
    return CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
  }
}
