package org.keymail.server.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.keymail.pki.authority.CaSettings;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.authority.InMemoryCaKeys;
import org.keymail.pki.issue.CertificateIssuer;
import org.keymail.pki.issue.EmailCertificates;
import org.keymail.pki.request.CertificateRequests;
import org.keymail.pki.request.Requester;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.pki.template.Templates;
import org.keymail.vault.store.TestDatabases;
import org.keymail.vault.store.VaultDatabase;
import org.keymail.vault.user.ActiveUsers;

/**
 * The directory answers with at most {@value Directory#LIMIT} people, in address order, counting
 * only people with a certificate to list: users without one are passed over, however many come
 * first.
 */
class DirectoryTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void atMostTheLimitOfPeopleWithCertificatesThoseWithoutArePassedOver() throws Exception {
    Clock clock = Clock.systemUTC();
    try (VaultDatabase vault = TestDatabases.h2()) {
      PkiDatabase pki = PkiDatabase.migrate(vault.dataSource());
      CertificateAuthority authority =
          CertificateAuthority.start(
              pki,
              new InMemoryCaKeys(RANDOM),
              CaSettings.builder()
                  .organisation("Example Org")
                  .publicBaseUrl(URI.create("http://pki.example.org:8080"))
                  .build(),
              clock,
              RANDOM);
      CertificateRequests requests =
          new CertificateRequests(
              pki,
              new Templates(pki, (transaction, event) -> {}, clock),
              authority,
              new CertificateIssuer(authority, clock, RANDOM),
              (transaction, event) -> {},
              clock);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      KeyPair key = generator.generateKeyPair();
      byte[] csr =
          new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"), key.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
              .getEncoded();
      int withoutCertificate = Directory.LIMIT - 10;
      int withCertificate = Directory.LIMIT + 20;
      for (int i = 0; i < withoutCertificate + withCertificate; i++) {
        String email = String.format("user%03d@example.org", i);
        UUID id = activeUser(vault, email);
        if (i >= withoutCertificate) {
          requests.submit(new Requester(id, email, "User " + i, null), "Secure Email", csr, null);
        }
      }

      Directory directory =
          new Directory(new ActiveUsers(vault), new EmailCertificates(pki), clock);

      assertThat(directory.search(""))
          .hasSize(Directory.LIMIT)
          .allSatisfy(entry -> assertThat(entry.certificates()).hasSize(1))
          .first()
          .satisfies(first -> assertThat(first.email()).isEqualTo("user190@example.org"));
      assertThat(directory.search("").getLast().email()).isEqualTo("user389@example.org");
      assertThat(directory.search("USER4")).extracting(Directory.Entry::email).hasSize(10);
      assertThat(directory.search("user0")).isEmpty();
    }
  }

  /** An active user, written as the vault stores one (activating hundreds would take minutes). */
  private static UUID activeUser(VaultDatabase vault, String email) throws Exception {
    UUID id = UUID.randomUUID();
    byte[] handle = new byte[32];
    RANDOM.nextBytes(handle);
    return vault.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO users (id, email, display_name, role, status, user_handle,"
                      + " created_at) VALUES (?, ?, ?, 'USER', 'ACTIVE', ?, ?)")) {
            s.setObject(1, id);
            s.setString(2, email);
            s.setString(3, email);
            s.setBytes(4, handle);
            s.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
            s.executeUpdate();
          }
          return id;
        });
  }
}
