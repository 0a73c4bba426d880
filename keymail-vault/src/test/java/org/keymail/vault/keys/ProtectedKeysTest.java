package org.keymail.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.testing.UserSpec;
import org.keymail.vault.protect.KeyProtectors;

class ProtectedKeysTest {

  private static final TestPki PKI = TestPki.create();
  private static final char[] P12_PASSWORD = "correct horse".toCharArray();

  @TempDir Path files;

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void generatesEveryKeyTypeTheCaCertifiesInsideTheVaultAndNoOther(String product)
      throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      // The CA's templates allow exactly these; the vault makes each, and names it alike.
      List<KeyAlgorithm> certified = new java.util.ArrayList<>();
      for (org.keymail.pki.template.KeyType type : org.keymail.pki.template.KeyType.values()) {
        KeyAlgorithm algorithm = KeyAlgorithm.of(type);
        certified.add(algorithm);
        VaultKey key = vault.keys.generate(alice, algorithm);
        assertThat(key.algorithm()).isEqualTo(algorithm);
        assertThat(algorithm.displayName()).isEqualTo(type.displayName());
        assertThat(KeyAlgorithm.of(key.publicKey())).isEqualTo(algorithm);
        assertThat(org.keymail.pki.template.KeyType.of(key.publicKey())).contains(type);
        vault.keys.verify(key.id());
        vault.clock.advance(Duration.ofSeconds(1));
      }
      assertThat(certified)
          .containsExactly(
              KeyAlgorithm.RSA_2048,
              KeyAlgorithm.RSA_3072,
              KeyAlgorithm.RSA_4096,
              KeyAlgorithm.EC_P256,
              KeyAlgorithm.EC_P384);
      assertThat(vault.keys.keys(alice))
          .extracting(VaultKey::algorithm)
          .containsExactlyElementsOf(certified);
      assertThat(
              ((RSAPublicKey) vault.keys.keys(alice).get(2).publicKey()).getModulus().bitLength())
          .isEqualTo(4096);
      assertThat(
              ((ECPublicKey) vault.keys.keys(alice).get(4).publicKey())
                  .getParams()
                  .getCurve()
                  .getField()
                  .getFieldSize())
          .isEqualTo(384);
      assertThat(vault.auditEvents())
          .hasSize(5)
          .allSatisfy(e -> assertThat(e).startsWith("GENERATE_KEY SUCCESS key "));
      assertThat(vault.auditEvents()).anySatisfy(e -> assertThat(e).endsWith("(rsa-4096)"));

      // P-521 keys may be imported, but no template certifies one: none is made.
      assertThatThrownBy(() -> vault.keys.generate(alice, KeyAlgorithm.EC_P521))
          .isInstanceOf(UnsupportedKeyException.class)
          .hasMessage(
              "ec-p521 keys are not generated in the vault, since no template certifies them; use"
                  + " rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384");
      assertThat(vault.keys.keys(alice)).hasSize(5);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void certificationRequestIsSignedByTheVaultKeyAndAsksForTheAddresses(String product)
      throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.RSA_2048, KeyAlgorithm.EC_P384)) {
        VaultKey key = vault.keys.generate(alice, algorithm);
        PKCS10CertificationRequest csr =
            vault.keys.certificationRequest(
                key.id(),
                new X500Name("CN=Alice Example"),
                List.of("alice@example.org", "a.example@example.org"),
                vault.sessions.unlock(alice));
        assertThat(
                csr.isSignatureValid(
                    new JcaContentVerifierProviderBuilder().build(key.publicKey())))
            .isTrue();
        assertThat(csr.getSubject()).isEqualTo(new X500Name("CN=Alice Example"));
        assertThat(csr.getSubjectPublicKeyInfo().getEncoded())
            .isEqualTo(key.publicKey().getEncoded());
        Extensions requested =
            Extensions.getInstance(
                csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0]
                    .getAttrValues()
                    .getObjectAt(0));
        GeneralName[] names =
            GeneralNames.fromExtensions(requested, Extension.subjectAlternativeName).getNames();
        assertThat(Arrays.stream(names).map(n -> n.getTagNo() + ":" + n.getName()))
            .containsExactly("1:alice@example.org", "1:a.example@example.org");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void certificationRequestNeedsTheOwnersUnlockSession(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      UUID mallory = vault.user("mallory@example.org");
      VaultKey key = vault.keys.generate(alice, KeyAlgorithm.EC_P256);
      X500Name subject = new X500Name("CN=Alice");
      assertThatThrownBy(
              () ->
                  vault.keys.certificationRequest(
                      key.id(), subject, List.of(), vault.sessions.stranger()))
          .isInstanceOf(TestSessions.Locked.class)
          .hasMessage(TestSessions.PROMPT);
      assertThatThrownBy(
              () ->
                  vault.keys.certificationRequest(
                      key.id(), subject, List.of(), vault.sessions.unlock(mallory)))
          .isInstanceOf(KeyOwnerException.class)
          .hasMessage("this key belongs to another user");
      assertThat(vault.auditEvents()).contains("CERT_REQUEST DENIED key " + key.id());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void importsPkcs12KeyWithItsCertificateChain(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      Identity identity = PKI.user("alice@example.org", KeyType.RSA_2048);
      ImportedKeys imported = importP12(vault, alice, identity);
      assertThat(imported.keys())
          .singleElement()
          .satisfies(
              k -> {
                assertThat(k.algorithm()).isEqualTo(KeyAlgorithm.RSA_2048);
                assertThat(k.publicKey()).isEqualTo(identity.certificate().getPublicKey());
              });
      UUID keyId = imported.keys().get(0).id();
      assertThat(vault.keys.certificates(alice))
          .extracting(VaultCertificate::certificate)
          .containsExactlyInAnyOrder(identity.certificate(), PKI.issuing(), PKI.root());
      assertThat(vault.keys.certificates(alice))
          .allSatisfy(c -> assertThat(c.source()).isEqualTo(CertificateSource.IMPORTED));
      assertThat(vault.keys.certificates(alice))
          .extracting(VaultCertificate::keyId)
          .containsExactlyInAnyOrder(keyId, null, null);
      vault.keys.verify(keyId);
      assertThat(vault.auditEvents())
          .singleElement()
          .asString()
          .startsWith("IMPORT SUCCESS key " + keyId);

      // a second key from the same CA adds no second copy of the chain
      importP12(vault, alice, PKI.user("alice@example.org", KeyType.EC_P256));
      assertThat(vault.keys.certificates(alice)).hasSize(4);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void wrongPkcs12PasswordStoresNothing(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      Path p12 =
          PemFiles.writeP12(
              files.resolve("alice.p12"),
              PKI.user("alice@example.org", KeyType.RSA_2048),
              P12_PASSWORD);
      assertThatThrownBy(
              () ->
                  vault.keys.importPkcs12(
                      alice, Files.newInputStream(p12), "Correct horse".toCharArray()))
          .isInstanceOf(Pkcs12PasswordException.class)
          .hasMessage("wrong password for the PKCS#12 file");
      assertNothingStored(vault);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void malformedPkcs12StoresNothingAndSaysWhatIsWrong(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      byte[] good =
          Files.readAllBytes(
              PemFiles.writeP12(
                  files.resolve("a.p12"),
                  PKI.user("alice@example.org", KeyType.RSA_2048),
                  P12_PASSWORD));
      byte[] truncated = Arrays.copyOf(good, good.length / 2);
      byte[] text = "-----BEGIN CERTIFICATE-----\nnot a p12\n".getBytes();
      for (byte[] bad : List.of(truncated, text, new byte[0])) {
        assertThatThrownBy(
                () -> vault.keys.importPkcs12(alice, new ByteArrayInputStream(bad), P12_PASSWORD))
            .isInstanceOf(Pkcs12FormatException.class)
            .hasMessage("the file is not a PKCS#12 (.p12/.pfx) file");
      }
      assertNothingStored(vault);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void pkcs12WithoutAKeyStoresNothing(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("ca", PKI.root());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, P12_PASSWORD);
      assertThatThrownBy(
              () ->
                  vault.keys.importPkcs12(
                      alice, new ByteArrayInputStream(out.toByteArray()), P12_PASSWORD))
          .isInstanceOf(Pkcs12NoKeyException.class)
          .hasMessage(
              "the PKCS#12 file holds no private key, only certificates; nothing was imported");
      assertNothingStored(vault);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void failureAfterTheFirstKeyOfAFileStoresNothingOfIt(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      Identity known = PKI.user("alice@example.org", KeyType.EC_P256);
      importP12(vault, alice, known);
      long keys = vault.count("vault_keys");
      long certificates = vault.count("certificates");
      long events = vault.count("audit_events");
      // A file with a new key first and then the key already imported: the second one fails.
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      Identity fresh = PKI.user("alice@example.org", KeyType.EC_P384);
      store.setKeyEntry(
          "a-new",
          fresh.privateKey(),
          P12_PASSWORD,
          fresh.certificateAndChain().toArray(Certificate[]::new));
      store.setKeyEntry(
          "b-known",
          known.privateKey(),
          P12_PASSWORD,
          known.certificateAndChain().toArray(Certificate[]::new));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, P12_PASSWORD);
      assertThatThrownBy(
              () ->
                  vault.keys.importPkcs12(
                      alice, new ByteArrayInputStream(out.toByteArray()), P12_PASSWORD))
          .isInstanceOf(DuplicateCertificateException.class)
          .hasMessageContaining("is already in this user's vault");
      assertThat(vault.count("vault_keys")).isEqualTo(keys);
      assertThat(vault.count("certificates")).isEqualTo(certificates);
      assertThat(vault.count("audit_events")).isEqualTo(events);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void weakKeyInPkcs12IsRefusedByName(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(1024);
      KeyPair weak = generator.generateKeyPair();
      Identity identity =
          PKI.user(
              UserSpec.email("alice@example.org").keyType(KeyType.RSA_2048).keyPair(weak).build());
      assertThatThrownBy(() -> importP12(vault, alice, identity))
          .isInstanceOf(UnsupportedKeyException.class)
          .hasMessage(
              "rsa-1024 keys are not kept in the vault; use rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384 or ec-p521");
      assertNothingStored(vault);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void installsOnlyCertificatesForTheUsersOwnKeys(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      UUID bob = vault.user("bob@example.org");
      VaultKey key = vault.keys.generate(alice, KeyAlgorithm.EC_P256);
      Identity issued =
          PKI.user(
              UserSpec.email("alice@example.org")
                  .keyType(KeyType.EC_P256)
                  .keyPair(new KeyPair(key.publicKey(), null))
                  .build());

      assertThatThrownBy(() -> vault.keys.installCertificate(bob, issued.certificate()))
          .isInstanceOf(CertificateKeyMismatchException.class)
          .hasMessage(
              "the certificate CN=alice is not for a key in this user's vault: its public key matches none of them");
      assertThatThrownBy(
              () ->
                  vault.keys.installCertificate(
                      alice, PKI.user("alice@example.org", KeyType.EC_P256).certificate()))
          .isInstanceOf(CertificateKeyMismatchException.class);

      VaultCertificate installed = vault.keys.installCertificate(alice, issued.certificate());
      assertThat(installed.keyId()).isEqualTo(key.id());
      assertThat(installed.source()).isEqualTo(CertificateSource.ISSUED);
      assertThat(vault.keys.certificates(alice)).containsExactly(installed);
      assertThat(vault.keys.certificates(bob)).isEmpty();
      assertThatThrownBy(() -> vault.keys.installCertificate(alice, issued.certificate()))
          .isInstanceOf(DuplicateCertificateException.class);
      assertThat(vault.keys.keyHandle(vault.sessions.unlock(alice), key.id()).certificate())
          .isEqualTo(issued.certificate());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void archivedKeysAndCertificatesAreKept(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      ImportedKeys imported =
          importP12(vault, alice, PKI.user("alice@example.org", KeyType.RSA_2048));
      UUID keyId = imported.keys().get(0).id();
      vault.keys.archive(keyId);
      assertThat(vault.keys.keys(alice))
          .singleElement()
          .satisfies(k -> assertThat(k.isArchived()).isTrue());
      assertThat(vault.keys.certificates(alice))
          .hasSize(3)
          .filteredOn(VaultCertificate::hasVaultKey)
          .singleElement()
          .satisfies(c -> assertThat(c.isArchived()).isTrue());
      vault.keys.verify(keyId);
      assertThatThrownBy(() -> vault.keys.archive(UUID.randomUUID()))
          .isInstanceOf(UnknownKeyException.class);
      assertThat(vault.auditEvents()).contains("ARCHIVE_KEY SUCCESS key " + keyId);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void keyHandleNeedsACertificate(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      VaultKey key = vault.keys.generate(alice, KeyAlgorithm.EC_P256);
      assertThatThrownBy(() -> vault.keys.keyHandle(vault.sessions.unlock(alice), key.id()))
          .isInstanceOf(NoCertificateException.class)
          .hasMessage(
              "vault key "
                  + key.id()
                  + " has no certificate yet; install the certificate issued for it first");
      assertThatThrownBy(() -> vault.keys.keyHandle(vault.sessions.unlock(alice), PKI.root()))
          .isInstanceOf(UnknownKeyException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void noToStringShowsKeyMaterial(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      Identity identity = PKI.user("alice@example.org", KeyType.RSA_2048);
      ImportedKeys imported = importP12(vault, alice, identity);
      VaultKeyHandle handle =
          vault.keys.keyHandle(vault.sessions.unlock(alice), identity.certificate());
      String all =
          String.join(
              "\n",
              vault.keys.toString(),
              imported.toString(),
              handle.toString(),
              vault.kek.toString(),
              KeyProtectors.open(vault.database, vault.clock, vault.kek).toString(),
              vault.keys.certificates(alice).toString());
      byte[] pkcs8 = identity.privateKey().getEncoded();
      assertThat(all)
          .doesNotContain(java.util.HexFormat.of().formatHex(pkcs8).substring(100, 160))
          .doesNotContain(java.util.Base64.getEncoder().encodeToString(pkcs8).substring(100, 160))
          .doesNotContain(
              ((java.security.interfaces.RSAPrivateCrtKey) identity.privateKey())
                  .getPrivateExponent()
                  .toString(16)
                  .substring(0, 40))
          .doesNotContain(
              ((java.security.interfaces.RSAPrivateCrtKey) identity.privateKey())
                  .getPrivateExponent()
                  .toString()
                  .substring(0, 40));
      assertThat(handle.toString())
          .isEqualTo("VaultKeyHandle[key " + handle.keyId() + ", CN=alice, key=[redacted]]");
    }
  }

  private ImportedKeys importP12(TestVault vault, UUID user, Identity identity) throws Exception {
    Path p12 = PemFiles.writeP12(Files.createTempFile(files, "id", ".p12"), identity, P12_PASSWORD);
    try (var in = Files.newInputStream(p12)) {
      return vault.keys.importPkcs12(user, in, P12_PASSWORD);
    }
  }

  private static void assertNothingStored(TestVault vault) throws Exception {
    assertThat(vault.count("vault_keys")).isZero();
    assertThat(vault.count("certificates")).isZero();
    assertThat(vault.count("audit_events")).isZero();
  }
}
