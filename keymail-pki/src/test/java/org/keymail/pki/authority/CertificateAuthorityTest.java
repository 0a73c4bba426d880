package org.keymail.pki.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.pki.store.PkiTestDatabases;
import org.keymail.pki.testing.TestCa;
import org.keymail.smime.KeyUseException;
import org.keymail.testing.MovableClock;

/** The organisation's CA: created once, loaded on every later start, one CA even in a race. */
class CertificateAuthorityTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void firstStartCreatesARootAndAnIssuingCaUnderIt(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    X509Certificate root = ca.authority.root();
    X509Certificate issuing = ca.authority.issuing();

    assertThat(root.getVersion()).isEqualTo(3);
    assertThat(root.getSubjectX500Principal().getName())
        .isEqualTo("CN=Example Org Root CA,O=Example Org");
    assertThat(root.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
    root.verify(root.getPublicKey());
    assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
    assertThat(root.getCriticalExtensionOIDs())
        .containsExactlyInAnyOrder(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
    assertThat(root.getKeyUsage()).containsExactly(keyUsage(5, 6)); // keyCertSign, cRLSign
    assertThat(root.getSigAlgName()).isEqualTo("SHA384withECDSA");
    assertThat(((ECPublicKey) root.getPublicKey()).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(384);
    assertThat(root.getSerialNumber().bitLength()).isGreaterThan(64);

    assertThat(issuing.getSubjectX500Principal().getName())
        .isEqualTo("CN=Example Org Issuing CA,O=Example Org");
    assertThat(issuing.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
    issuing.verify(root.getPublicKey());
    assertThat(issuing.getBasicConstraints()).isZero(); // pathLen 0
    assertThat(issuing.getCriticalExtensionOIDs())
        .containsExactlyInAnyOrder(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
    // digitalSignature (OCSP responses), keyCertSign, cRLSign
    assertThat(issuing.getKeyUsage()).containsExactly(keyUsage(0, 5, 6));
    assertThat(issuing.getSigAlgName()).isEqualTo("SHA384withECDSA");
    assertThat(
            ((ECPublicKey) issuing.getPublicKey()).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(256);
    assertThat(authorityKeyId(issuing)).isEqualTo(subjectKeyId(root));
    assertThat(issuing.getNotAfter()).isBeforeOrEqualTo(root.getNotAfter());
    assertThat(ca.authority.chain()).containsExactly(issuing, root);
    assertThat(ca.authority.issuingKey().publicKey()).isEqualTo(issuing.getPublicKey());
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void laterStartLoadsTheSameCa(String product) throws Exception {
    TestCa ca = TestCa.open(product);

    CertificateAuthority restarted =
        CertificateAuthority.start(
            ca.database,
            ca.keys,
            TestCa.settings().build(),
            MovableClock.startingNow(),
            TestCa.RANDOM);

    assertThat(restarted.root()).isEqualTo(ca.authority.root());
    assertThat(restarted.issuing()).isEqualTo(ca.authority.issuing());
    assertThat(restarted.issuingKey().publicKey()).isEqualTo(ca.authority.issuing().getPublicKey());
    assertThat(count(ca.dataSource, "SELECT COUNT(*) FROM ca_certificates")).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void twoNodesStartingAtOnceEndWithOneCa(String product) throws Exception {
    DataSource dataSource = PkiTestDatabases.open(product);
    PkiDatabase database = PkiDatabase.migrate(dataSource);
    CaKeys sharedKeys = new InMemoryCaKeys(TestCa.RANDOM); // the vault both nodes share
    CountDownLatch start = new CountDownLatch(1);
    Callable<CertificateAuthority> node =
        () -> {
          start.await();
          return CertificateAuthority.start(
              database,
              sharedKeys,
              TestCa.settings().build(),
              MovableClock.startingNow(),
              TestCa.RANDOM);
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<CertificateAuthority>> nodes = new ArrayList<>();
      nodes.add(pool.submit(node));
      nodes.add(pool.submit(node));
      start.countDown();
      CertificateAuthority first = nodes.get(0).get();
      CertificateAuthority second = nodes.get(1).get();

      assertThat(second.root()).isEqualTo(first.root());
      assertThat(second.issuing()).isEqualTo(first.issuing());
      assertThat(second.issuingKey().publicKey()).isEqualTo(first.issuingKey().publicKey());
      assertThat(count(dataSource, "SELECT COUNT(*) FROM ca_certificates")).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aStoredCaWhoseKeyIsGoneIsRefusedWithTheKeysName(String product) throws Exception {
    TestCa ca = TestCa.open(product);

    assertThatThrownBy(
            () ->
                CertificateAuthority.start(
                    ca.database,
                    new InMemoryCaKeys(TestCa.RANDOM),
                    TestCa.settings().build(),
                    ca.clock,
                    TestCa.RANDOM))
        .isInstanceOf(KeyUseException.class)
        .hasMessageStartingWith("the issuing CA's key \"keymail-ca-issuing-")
        .hasMessageEndingWith(
            "\" is not in the CA key store; restore the vault's keys or the key-encryption key");
  }

  @Test
  void rsaRootAndIssuingCaSignWithSha256AndRsa() throws Exception {
    TestCa ca =
        TestCa.open(
            "H2",
            TestCa.settings()
                .rootKeyAlgorithm(CaKeyAlgorithm.RSA_4096)
                .issuingKeyAlgorithm(CaKeyAlgorithm.RSA_3072)
                .build());

    assertThat(((RSAPublicKey) ca.authority.root().getPublicKey()).getModulus().bitLength())
        .isEqualTo(4096);
    assertThat(((RSAPublicKey) ca.authority.issuing().getPublicKey()).getModulus().bitLength())
        .isEqualTo(3072);
    assertThat(ca.authority.root().getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(ca.authority.issuing().getSigAlgName()).isEqualTo("SHA256withRSA");
    ca.authority.issuing().verify(ca.authority.root().getPublicKey());
  }

  @Test
  void aCaKeptOutsideTheDatabaseIsFoundedAsOnAFirstStartAndCheckedWhenRebuilt() throws Exception {
    TestCa stored = TestCa.open("H2");
    InMemoryCaKeys keys = new InMemoryCaKeys(TestCa.RANDOM);
    CaSettings settings = TestCa.settings().build();

    CertificateAuthority founded =
        CertificateAuthority.founded(keys, settings, MovableClock.startingNow(), TestCa.RANDOM);

    // The same profile as the stored CA's: names, constraints, key usages, extensions.
    for (var pair :
        List.of(
            List.of(founded.root(), stored.authority.root()),
            List.of(founded.issuing(), stored.authority.issuing()))) {
      X509Certificate made = pair.get(0);
      X509Certificate reference = pair.get(1);
      assertThat(made.getSubjectX500Principal()).isEqualTo(reference.getSubjectX500Principal());
      assertThat(made.getBasicConstraints()).isEqualTo(reference.getBasicConstraints());
      assertThat(made.getKeyUsage()).isEqualTo(reference.getKeyUsage());
      assertThat(made.getCriticalExtensionOIDs()).isEqualTo(reference.getCriticalExtensionOIDs());
      assertThat(made.getNonCriticalExtensionOIDs())
          .isEqualTo(reference.getNonCriticalExtensionOIDs());
      assertThat(made.getNotAfter().getTime() - made.getNotBefore().getTime())
          .isEqualTo(reference.getNotAfter().getTime() - reference.getNotBefore().getTime());
    }
    founded.issuing().verify(founded.root().getPublicKey());

    CaKey rootKey = founded.rootKey();
    CertificateAuthority rebuilt =
        CertificateAuthority.of(
            settings, founded.root(), rootKey, founded.issuing(), founded.issuingKey());
    assertThat(rebuilt.chain()).isEqualTo(founded.chain());
    assertThatThrownBy(
            () ->
                CertificateAuthority.of(
                    settings, founded.root(), founded.issuingKey(), founded.issuing(), rootKey))
        .isInstanceOf(KeyUseException.class)
        .hasMessage("the CA key given does not match the root CA certificate");
    assertThatThrownBy(
            () ->
                CertificateAuthority.of(
                    settings,
                    stored.authority.root(),
                    stored.authority.rootKey(),
                    founded.issuing(),
                    founded.issuingKey()))
        .isInstanceOf(KeyUseException.class)
        .hasMessage("the issuing CA certificate is not signed by the root's key");
  }

  @Test
  void theIssuingCaNeverOutlivesTheRoot() throws Exception {
    TestCa ca =
        TestCa.open(
            "H2",
            TestCa.settings()
                .rootValidity(Duration.ofDays(100))
                .issuingValidity(Duration.ofDays(3650))
                .build());

    assertThat(ca.authority.issuing().getNotAfter()).isEqualTo(ca.authority.root().getNotAfter());
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void exportsTheRootAndIssuingCaInPemAndDer(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    CertificateFactory factory = CertificateFactory.getInstance("X.509");

    assertThat(ca.authority.rootDer()).isEqualTo(ca.authority.root().getEncoded());
    assertThat(ca.authority.issuingDer()).isEqualTo(ca.authority.issuing().getEncoded());
    assertThat(ca.authority.rootPem())
        .startsWith("-----BEGIN CERTIFICATE-----\n")
        .endsWith("\n-----END CERTIFICATE-----\n");
    assertThat(ca.authority.rootPem().lines().skip(1).filter(l -> !l.startsWith("-----")))
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
    assertThat(
            factory.generateCertificate(
                new ByteArrayInputStream(ca.authority.rootPem().getBytes())))
        .isEqualTo(ca.authority.root());
    assertThat(
            factory.generateCertificate(
                new ByteArrayInputStream(ca.authority.issuingPem().getBytes())))
        .isEqualTo(ca.authority.issuing());
  }

  static boolean[] keyUsage(int... bits) {
    boolean[] usage = new boolean[9];
    for (int bit : bits) {
      usage[bit] = true;
    }
    return usage;
  }

  static byte[] subjectKeyId(X509Certificate certificate) {
    return SubjectKeyIdentifier.getInstance(
            ASN1OctetString.getInstance(
                    certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId()))
                .getOctets())
        .getKeyIdentifier();
  }

  static byte[] authorityKeyId(X509Certificate certificate) {
    return AuthorityKeyIdentifier.getInstance(
            ASN1OctetString.getInstance(
                    certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                .getOctets())
        .getKeyIdentifierOctets();
  }

  private static long count(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
