package org.keymail.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.testing.TestPki;

/**
 * Keys made in the vault: exactly the kinds the certificate authority certifies, each audited, and
 * their PKCS#10 requests, signed by the key in its owner's unlock session only.
 */
class KeyGenerationTest {

  private static final TestPki PKI = TestPki.create();

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
        VaultKey key = vault.generation.generate(alice, algorithm);
        assertThat(key.algorithm()).isEqualTo(algorithm);
        assertThat(algorithm.displayName()).isEqualTo(type.displayName());
        assertThat(KeyAlgorithm.of(key.publicKey())).isEqualTo(algorithm);
        assertThat(org.keymail.pki.template.KeyType.of(key.publicKey())).contains(type);
        vault.integrity.verify(key.id());
        vault.clock.advance(Duration.ofSeconds(1));
      }
      assertThat(certified)
          .containsExactly(
              KeyAlgorithm.RSA_2048,
              KeyAlgorithm.RSA_3072,
              KeyAlgorithm.RSA_4096,
              KeyAlgorithm.EC_P256,
              KeyAlgorithm.EC_P384);
      assertThat(vault.keyring.keys(alice))
          .extracting(VaultKey::algorithm)
          .containsExactlyElementsOf(certified);
      assertThat(
              ((RSAPublicKey) vault.keyring.keys(alice).get(2).publicKey())
                  .getModulus()
                  .bitLength())
          .isEqualTo(4096);
      assertThat(
              ((ECPublicKey) vault.keyring.keys(alice).get(4).publicKey())
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
      assertThatThrownBy(() -> vault.generation.generate(alice, KeyAlgorithm.EC_P521))
          .isInstanceOf(UnsupportedKeyException.class)
          .hasMessage(
              "ec-p521 keys are not generated in the vault, since no template certifies them; use"
                  + " rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384");
      assertThat(vault.keyring.keys(alice)).hasSize(5);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void certificationRequestIsSignedByTheVaultKeyAndAsksForTheAddresses(String product)
      throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.RSA_2048, KeyAlgorithm.EC_P384)) {
        VaultKey key = vault.generation.generate(alice, algorithm);
        PKCS10CertificationRequest csr =
            vault.generation.certificationRequest(
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
      VaultKey key = vault.generation.generate(alice, KeyAlgorithm.EC_P256);
      X500Name subject = new X500Name("CN=Alice");
      assertThatThrownBy(
              () ->
                  vault.generation.certificationRequest(
                      key.id(), subject, List.of(), vault.sessions.stranger()))
          .isInstanceOf(TestSessions.Locked.class)
          .hasMessage(TestSessions.PROMPT);
      assertThatThrownBy(
              () ->
                  vault.generation.certificationRequest(
                      key.id(), subject, List.of(), vault.sessions.unlock(mallory)))
          .isInstanceOf(KeyOwnerException.class)
          .hasMessage("this key belongs to another user");
      assertThat(vault.auditEvents()).contains("CERT_REQUEST DENIED key " + key.id());
    }
  }
}
