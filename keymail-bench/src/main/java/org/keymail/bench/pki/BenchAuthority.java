package org.keymail.bench.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.keymail.pki.audit.CaAuditTrail;
import org.keymail.pki.authority.CaKeyAlgorithm;
import org.keymail.pki.authority.CaKeys;
import org.keymail.pki.authority.CaSettings;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.authority.InMemoryCaKeys;
import org.keymail.pki.issue.CertificateIssuer;
import org.keymail.pki.request.CertificateRequests;
import org.keymail.pki.request.Requester;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.pki.template.Template;
import org.keymail.pki.template.Templates;
import org.keymail.smime.KeyUseException;
import org.keymail.vault.VaultException;
import org.keymail.vault.authority.AuthorityKeys;
import org.keymail.vault.protect.FileKeyProtector;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.store.VaultDatabase;

/**
 * The CA as the server wires it, for one benchmark run: its tables in a new embedded H2 database
 * (the server's default, beside the vault's tables), its keys either in memory ({@link
 * InMemoryCaKeys}, JDK providers) or in the vault as the server keeps them ({@link AuthorityKeys}
 * under a file key-encryption key, signing in the fastest healthy provider), a subscriber with a
 * P-256 key and a PKCS#10 request for the built-in "Secure Email" template. Audit events go
 * nowhere: the vault's audit log is not measured here.
 */
final class BenchAuthority implements AutoCloseable {

  /** The built-in e-mail template, automatically approved. */
  static final String TEMPLATE = "Secure Email";

  private static final CaAuditTrail NO_AUDIT = (connection, event) -> {};

  private final VaultDatabase storage;
  private final PkiDatabase database;
  private final CertificateAuthority authority;
  private final CertificateIssuer issuer;
  private final CertificateRequests requests;
  private final Template template;
  private final Requester requester;
  private final SubjectPublicKeyInfo subscriberKey;
  private final byte[] csr;

  private BenchAuthority(CaKeyAlgorithm issuingKey, CaKeyStore keyStore)
      throws SQLException, KeyUseException, VaultException {
    SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemUTC();
    Path folder;
    try {
      folder = Files.createTempDirectory("keymail-bench-ca-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    storage = VaultDatabase.embedded(folder);
    database = PkiDatabase.migrate(storage.dataSource());
    CaKeys keys =
        switch (keyStore) {
          case IN_MEMORY -> new InMemoryCaKeys(random);
          case VAULT ->
              new AuthorityKeys(
                  storage,
                  KeyProtectors.open(storage, clock, FileKeyProtector.open(folder, random)),
                  clock,
                  random);
        };
    CaSettings settings =
        CaSettings.builder()
            .organisation("Example Bench")
            .issuingKeyAlgorithm(issuingKey)
            .publicBaseUrl(URI.create("http://localhost:8080"))
            .build();
    authority = CertificateAuthority.start(database, keys, settings, clock, random);
    issuer = new CertificateIssuer(authority, clock, random);
    Templates templates = new Templates(database, NO_AUDIT, clock);
    template =
        templates
            .find(TEMPLATE)
            .orElseThrow(() -> new IllegalStateException("no built-in template " + TEMPLATE));
    requests = new CertificateRequests(database, templates, authority, issuer, NO_AUDIT, clock);
    requester = new Requester(UUID.randomUUID(), "alice@example.org", "Alice Example", null);
    KeyPair subscriber = p256(random);
    subscriberKey = SubjectPublicKeyInfo.getInstance(subscriber.getPublic().getEncoded());
    csr = csr(subscriber, requester.email());
  }

  static BenchAuthority start(CaKeyAlgorithm issuingKey, CaKeyStore keyStore)
      throws SQLException, KeyUseException, VaultException {
    return new BenchAuthority(issuingKey, keyStore);
  }

  PkiDatabase database() {
    return database;
  }

  CertificateAuthority authority() {
    return authority;
  }

  CertificateIssuer issuer() {
    return issuer;
  }

  CertificateRequests requests() {
    return requests;
  }

  Template template() {
    return template;
  }

  Requester requester() {
    return requester;
  }

  SubjectPublicKeyInfo subscriberKey() {
    return subscriberKey;
  }

  byte[] csr() {
    return csr.clone();
  }

  /** A serial number this CA issued and stored, for OCSP questions. */
  BigInteger storedSerial() throws SQLException, KeyUseException {
    return database
        .inSigningTransaction(
            c -> issuer.issue(c, requester.subscriber(), template, subscriberKey, null))
        .serialNumber();
  }

  @Override
  public void close() {
    storage.close();
  }

  private static KeyPair p256(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java runtime has no P-256", e);
    }
  }

  private static byte[] csr(KeyPair pair, String email) {
    try {
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
      return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + email), pair.getPublic())
          .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))
          .getEncoded();
    } catch (IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make the benchmark's certificate request", e);
    }
  }
}
