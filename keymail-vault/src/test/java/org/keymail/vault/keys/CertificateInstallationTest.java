package org.keymail.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.testing.UserSpec;

/** An issued certificate goes beside its vault key only: not another user's, not twice. */
class CertificateInstallationTest {

  private static final TestPki PKI = TestPki.create();

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void installsOnlyCertificatesForTheUsersOwnKeys(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      UUID bob = vault.user("bob@example.org");
      VaultKey key = vault.generation.generate(alice, KeyAlgorithm.EC_P256);
      Identity issued =
          PKI.user(
              UserSpec.email("alice@example.org")
                  .keyType(KeyType.EC_P256)
                  .keyPair(new KeyPair(key.publicKey(), null))
                  .build());

      assertThatThrownBy(() -> vault.installation.install(bob, issued.certificate()))
          .isInstanceOf(CertificateKeyMismatchException.class)
          .hasMessage(
              "the certificate CN=alice is not for a key in this user's vault: its public key matches none of them");
      assertThatThrownBy(
              () ->
                  vault.installation.install(
                      alice, PKI.user("alice@example.org", KeyType.EC_P256).certificate()))
          .isInstanceOf(CertificateKeyMismatchException.class);

      VaultCertificate installed = vault.installation.install(alice, issued.certificate());
      assertThat(installed.keyId()).isEqualTo(key.id());
      assertThat(installed.source()).isEqualTo(CertificateSource.ISSUED);
      assertThat(vault.keyring.certificates(alice)).containsExactly(installed);
      assertThat(vault.keyring.certificates(bob)).isEmpty();
      assertThatThrownBy(() -> vault.installation.install(alice, issued.certificate()))
          .isInstanceOf(DuplicateCertificateException.class);
      assertThat(vault.handles.keyHandle(vault.sessions.unlock(alice), key.id()).certificate())
          .isEqualTo(issued.certificate());
    }
  }
}
