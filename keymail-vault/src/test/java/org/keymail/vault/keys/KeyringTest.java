package org.keymail.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;

/** A user's keys and certificates as listed, and archiving: kept, and still usable for old mail. */
class KeyringTest {

  private static final TestPki PKI = TestPki.create();

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void archivedKeysAndCertificatesAreKept(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      ImportedKeys imported =
          vault.importP12(alice, PKI.user("alice@example.org", KeyType.RSA_2048));
      UUID keyId = imported.keys().get(0).id();
      vault.keyring.archive(keyId);
      assertThat(vault.keyring.keys(alice))
          .singleElement()
          .satisfies(k -> assertThat(k.isArchived()).isTrue());
      assertThat(vault.keyring.certificates(alice))
          .hasSize(3)
          .filteredOn(VaultCertificate::hasVaultKey)
          .singleElement()
          .satisfies(c -> assertThat(c.isArchived()).isTrue());
      vault.integrity.verify(keyId);
      assertThatThrownBy(() -> vault.keyring.archive(UUID.randomUUID()))
          .isInstanceOf(UnknownKeyException.class);
      assertThat(vault.auditEvents()).contains("ARCHIVE_KEY SUCCESS key " + keyId);
    }
  }
}
