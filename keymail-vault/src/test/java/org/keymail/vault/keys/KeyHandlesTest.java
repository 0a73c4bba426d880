package org.keymail.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;
import org.keymail.vault.protect.KeyProtectors;

/** Handles to vault keys: only for a key with a certificate, and nothing of the key in any text. */
class KeyHandlesTest {

  private static final TestPki PKI = TestPki.create();

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void keyHandleNeedsACertificate(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      VaultKey key = vault.generation.generate(alice, KeyAlgorithm.EC_P256);
      assertThatThrownBy(() -> vault.handles.keyHandle(vault.sessions.unlock(alice), key.id()))
          .isInstanceOf(NoCertificateException.class)
          .hasMessage(
              "vault key "
                  + key.id()
                  + " has no certificate yet; install the certificate issued for it first");
      assertThatThrownBy(() -> vault.handles.keyHandle(vault.sessions.unlock(alice), PKI.root()))
          .isInstanceOf(UnknownKeyException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void noToStringShowsKeyMaterial(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      Identity identity = PKI.user("alice@example.org", KeyType.RSA_2048);
      ImportedKeys imported = vault.importP12(alice, identity);
      VaultKeyHandle handle =
          vault.handles.keyHandle(vault.sessions.unlock(alice), identity.certificate());
      String all =
          String.join(
              "\n",
              vault.handles.toString(),
              vault.generation.toString(),
              vault.pkcs12.toString(),
              vault.installation.toString(),
              vault.keyring.toString(),
              vault.deletion.toString(),
              vault.integrity.toString(),
              imported.toString(),
              handle.toString(),
              vault.kek.toString(),
              KeyProtectors.open(vault.database, vault.clock, vault.kek).toString(),
              vault.keyring.certificates(alice).toString());
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
}
