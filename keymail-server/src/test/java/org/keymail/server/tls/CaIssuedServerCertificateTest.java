package org.keymail.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.pki.authority.CaSettings;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.authority.InMemoryCaKeys;
import org.keymail.pki.revoke.IssuedCertificateStatus;
import org.keymail.pki.status.CertificateStatus;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.testing.MovableClock;
import org.keymail.vault.store.TestDatabases;
import org.keymail.vault.store.VaultDatabase;

/**
 * The server's HTTPS certificate from the organisation's issuing CA: the self-signed start-up
 * certificate is replaced, the replacement verifies up to the root with the names and usage a TLS
 * client checks, it is kept while valid (a pinned client keeps recognising the server), and it is
 * renewed 30 days before its end or when another CA issued it.
 */
class CaIssuedServerCertificateTest {

  @TempDir Path data;

  private final SecureRandom random = new SecureRandom();
  private final MovableClock clock = MovableClock.startingNow();
  private VaultDatabase database;
  private CertificateAuthority authority;

  @BeforeEach
  void startCa() throws Exception {
    database = TestDatabases.h2();
    authority = ca("Example Org");
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void replacesTheSelfSignedCertificateWithOneTheIssuingCaSigned() throws Exception {
    ServerCertificate files = ServerCertificate.ensure(data, clock, random);
    X509Certificate selfSigned = files.certificate();

    Optional<KeyStore> renewed = server(files, authority).renewIfDue();

    assertThat(renewed).isPresent();
    Certificate[] chain = renewed.get().getCertificateChain(ServerCertificate.ALIAS);
    X509Certificate issued = (X509Certificate) chain[0];
    assertThat(issued).isNotEqualTo(selfSigned).isEqualTo(files.certificate());
    assertThat(chain[1]).isEqualTo(authority.issuing());
    issued.verify(authority.issuing().getPublicKey());
    authority.issuing().verify(authority.root().getPublicKey());
    assertThat(issued.getSubjectAlternativeNames())
        .extracting(name -> name.get(1).toString())
        .containsExactly("mail.example.org", "localhost", "127.0.0.1");
    assertThat(issued.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(issued.getBasicConstraints()).isEqualTo(-1);
    assertThat(issued.getSubjectX500Principal().getName())
        .isEqualTo("CN=mail.example.org,O=Example Org");
    assertThat(
            new IssuedCertificateStatus(PkiDatabase.migrate(database.dataSource()))
                .status(issued.getSerialNumber()))
        .as("OCSP and the CRL know the server's certificate")
        .isInstanceOf(CertificateStatus.Good.class);
  }

  @Test
  void keepsAValidCertificateSoPinnedClientsStillRecogniseTheServer() throws Exception {
    ServerCertificate files = ServerCertificate.ensure(data, clock, random);
    CaIssuedServerCertificate server = server(files, authority);
    server.renewIfDue();
    X509Certificate first = files.certificate();

    clock.advance(Duration.ofDays(334));
    Optional<KeyStore> stillValid = server.renewIfDue();

    assertThat(stillValid).isEmpty();
    assertThat(files.certificate()).isEqualTo(first);
  }

  @Test
  void renewsThirtyDaysBeforeTheEnd() throws Exception {
    ServerCertificate files = ServerCertificate.ensure(data, clock, random);
    CaIssuedServerCertificate server = server(files, authority);
    server.renewIfDue();
    X509Certificate first = files.certificate();

    clock.advance(Duration.ofDays(336));
    Optional<KeyStore> renewed = server.renewIfDue();

    assertThat(renewed).isPresent();
    assertThat(files.certificate().getNotAfter()).isAfter(first.getNotAfter());
  }

  @Test
  void renewsWhenAnotherCaIssuedIt() throws Exception {
    ServerCertificate files = ServerCertificate.ensure(data, clock, random);
    server(files, authority).renewIfDue();
    VaultDatabase other = TestDatabases.h2();
    try {
      CertificateAuthority otherCa =
          CertificateAuthority.start(
              PkiDatabase.migrate(other.dataSource()),
              new InMemoryCaKeys(random),
              settings("Another Org"),
              clock,
              random);

      Optional<KeyStore> renewed = server(files, otherCa).renewIfDue();

      assertThat(renewed).isPresent();
      files.certificate().verify(otherCa.issuing().getPublicKey());
    } finally {
      other.close();
    }
  }

  private CaIssuedServerCertificate server(ServerCertificate files, CertificateAuthority ca) {
    return new CaIssuedServerCertificate(
        files,
        ca,
        PkiDatabase.migrate(database.dataSource()),
        List.of("mail.example.org"),
        clock,
        random);
  }

  private CertificateAuthority ca(String organisation) throws Exception {
    return CertificateAuthority.start(
        PkiDatabase.migrate(database.dataSource()),
        new InMemoryCaKeys(random),
        settings(organisation),
        clock,
        random);
  }

  private static CaSettings settings(String organisation) {
    return CaSettings.builder()
        .organisation(organisation)
        .publicBaseUrl(URI.create("http://mail.example.org:8080"))
        .build();
  }
}
