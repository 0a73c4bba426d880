package org.keymail.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.keys.Pkcs12Reader;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.keyuse.KeyUseJournal;
import org.keymail.vault.protect.KeyProtectors;

/**
 * The key store writes into the hash-chained audit log, in the same transactions as its changes.
 */
class RealAuditLogTest {

  private static final TestPki PKI = TestPki.create();
  private static final char[] PASSWORD = "p12".toCharArray();

  @TempDir Path files;

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void importSignAndArchiveLeaveAnUnbrokenChain(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      AuditLog log = new AuditLog(vault.database, vault.clock);
      KeyProtectors protectors = KeyProtectors.open(vault.database, vault.clock, vault.kek);
      KeyHandles keys =
          KeyHandles.builder()
              .database(vault.database)
              .protectors(protectors)
              .sessionGate(vault.sessions)
              .auditTrail(log)
              .clock(vault.clock)
              .random(vault.random)
              .keyUseJournal(KeyUseJournal.inMemory())
              .build();
      UUID alice = vault.user("alice@example.org");
      Identity identity = PKI.user("alice@example.org", KeyType.EC_P256);
      try (var in =
          Files.newInputStream(PemFiles.writeP12(files.resolve("a.p12"), identity, PASSWORD))) {
        new Pkcs12Import(
                vault.database,
                protectors,
                log,
                vault.clock,
                vault.random,
                new Pkcs12Reader(Pkcs12Reader.DEFAULT_MAX_ITERATIONS))
            .importPkcs12(alice, in, PASSWORD);
      }
      VaultKeyHandle handle = keys.keyHandle(vault.sessions.unlock(alice), identity.certificate());
      handle.sign(SignatureAlgorithm.SHA256_WITH_ECDSA, new byte[] {1});
      keys.shipKeyUses();
      new Keyring(vault.database, log, vault.clock, keys).archive(handle.keyId());

      assertThat(TestAuditTrail.events(vault.database))
          .containsExactly(
              "IMPORT SUCCESS key " + handle.keyId() + " (ec-p256), certificate CN=alice",
              "SIGN SUCCESS key " + handle.keyId(),
              "ARCHIVE_KEY SUCCESS key " + handle.keyId());
      assertThat(log.verify()).isEmpty();
    }
  }
}
