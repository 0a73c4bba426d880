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
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.testing.UserSpec;

/**
 * A PKCS#12 file goes into the vault whole, with its chain, or not at all, and every refusal says
 * why.
 */
class Pkcs12ImportTest {

  private static final TestPki PKI = TestPki.create();
  private static final char[] P12_PASSWORD = "correct horse".toCharArray();

  @TempDir Path files;

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void importsPkcs12KeyWithItsCertificateChain(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      Identity identity = PKI.user("alice@example.org", KeyType.RSA_2048);
      ImportedKeys imported = vault.importP12(alice, identity);
      assertThat(imported.keys())
          .singleElement()
          .satisfies(
              k -> {
                assertThat(k.algorithm()).isEqualTo(KeyAlgorithm.RSA_2048);
                assertThat(k.publicKey()).isEqualTo(identity.certificate().getPublicKey());
              });
      UUID keyId = imported.keys().get(0).id();
      assertThat(vault.keyring.certificates(alice))
          .extracting(VaultCertificate::certificate)
          .containsExactlyInAnyOrder(identity.certificate(), PKI.issuing(), PKI.root());
      assertThat(vault.keyring.certificates(alice))
          .allSatisfy(c -> assertThat(c.source()).isEqualTo(CertificateSource.IMPORTED));
      assertThat(vault.keyring.certificates(alice))
          .extracting(VaultCertificate::keyId)
          .containsExactlyInAnyOrder(keyId, null, null);
      vault.integrity.verify(keyId);
      assertThat(vault.auditEvents())
          .singleElement()
          .asString()
          .startsWith("IMPORT SUCCESS key " + keyId);

      // a second key from the same CA adds no second copy of the chain
      vault.importP12(alice, PKI.user("alice@example.org", KeyType.EC_P256));
      assertThat(vault.keyring.certificates(alice)).hasSize(4);
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
                  vault.pkcs12.importPkcs12(
                      alice, Files.newInputStream(p12), "Correct horse".toCharArray()))
          .isInstanceOf(Pkcs12PasswordException.class)
          .hasMessage("wrong password for the PKCS#12 file");
      vault.assertNothingStored();
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
                () -> vault.pkcs12.importPkcs12(alice, new ByteArrayInputStream(bad), P12_PASSWORD))
            .isInstanceOf(Pkcs12FormatException.class)
            .hasMessage("the file is not a PKCS#12 (.p12/.pfx) file");
      }
      vault.assertNothingStored();
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
                  vault.pkcs12.importPkcs12(
                      alice, new ByteArrayInputStream(out.toByteArray()), P12_PASSWORD))
          .isInstanceOf(Pkcs12NoKeyException.class)
          .hasMessage(
              "the PKCS#12 file holds no private key, only certificates; nothing was imported");
      vault.assertNothingStored();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void failureAfterTheFirstKeyOfAFileStoresNothingOfIt(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      Identity known = PKI.user("alice@example.org", KeyType.EC_P256);
      vault.importP12(alice, known);
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
                  vault.pkcs12.importPkcs12(
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
      assertThatThrownBy(() -> vault.importP12(alice, identity))
          .isInstanceOf(UnsupportedKeyException.class)
          .hasMessage(
              "rsa-1024 keys are not kept in the vault; use rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384 or ec-p521");
      vault.assertNothingStored();
    }
  }
}
