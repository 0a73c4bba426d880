package org.keymail.vault.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.pki.authority.CaKey;
import org.keymail.pki.authority.CaKeyAlgorithm;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.testing.MovableClock;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.protect.FileKeyProtector;
import org.keymail.vault.protect.KekRotation;
import org.keymail.vault.protect.KeyProtector;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.protect.Pkcs11KeyProtector;
import org.keymail.vault.protect.SoftHsm;
import org.keymail.vault.store.TestDatabases;
import org.keymail.vault.store.VaultDatabase;

class AuthorityKeysTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] TBS = "to be signed by the CA".getBytes();

  @TempDir Path dataDir;

  private AuthorityKeys keys(VaultDatabase database, KeyProtector kek) throws Exception {
    MovableClock clock = MovableClock.at("2026-11-26T14:17:00Z");
    return new AuthorityKeys(database, KeyProtectors.open(database, clock, kek), clock, RANDOM);
  }

  private KeyProtector fileKek() throws Exception {
    return FileKeyProtector.open(dataDir, RANDOM);
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aKeyCreatedOnceIsFoundAgainAfterARestartAndSigns(String product) throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      CaKey created = keys(database, fileKek()).create("issuing", CaKeyAlgorithm.EC_P256);
      // A new AuthorityKeys over the same database and master key: the server after a restart.
      CaKey found = keys(database, fileKek()).find("issuing").orElseThrow();

      assertThat(found.publicKey().getEncoded()).isEqualTo(created.publicKey().getEncoded());
      assertThat(verifies(created, found.sign(SignatureAlgorithm.SHA256_WITH_ECDSA, TBS))).isTrue();
      assertThat(keys(database, fileKek()).find("root")).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void everyCaKeyTypeSignsWithItsAlgorithm(String product) throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      AuthorityKeys keys = keys(database, fileKek());
      CaKey root = keys.create("root-rsa", CaKeyAlgorithm.RSA_3072);
      CaKey p384 = keys.create("root-ec", CaKeyAlgorithm.EC_P384);

      assertThat(verifies(root, root.sign(SignatureAlgorithm.SHA256_WITH_RSA, TBS))).isTrue();
      assertThat(verifies(p384, p384.sign(SignatureAlgorithm.SHA384_WITH_ECDSA, TBS))).isTrue();
      assertThat(root.toString()).contains("root-rsa").contains("redacted");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aNameIsTakenOnce(String product) throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      AuthorityKeys keys = keys(database, fileKek());
      keys.create("root", CaKeyAlgorithm.EC_P384);

      assertThatThrownBy(() -> keys.create("root", CaKeyAlgorithm.EC_P384))
          .isInstanceOf(KeyUseException.class)
          .hasMessageContaining("already has a key named root");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void theStoredKeyIsCiphertextBoundToItsAlias(String product) throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      AuthorityKeys keys = keys(database, fileKek());
      keys.create("root", CaKeyAlgorithm.EC_P384);
      keys.create("issuing", CaKeyAlgorithm.EC_P256);

      // Renaming rows so the issuing CA's name points at the root's ciphertext must not work.
      database.inTransaction(
          c -> {
            update(c, "UPDATE authority_keys SET alias = 'moved' WHERE alias = 'issuing'");
            update(c, "UPDATE authority_keys SET alias = 'issuing' WHERE alias = 'root'");
            return null;
          });

      assertThatThrownBy(() -> keys.find("issuing"))
          .isInstanceOf(KeyUseException.class)
          .hasMessageContaining("does not decrypt");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void noPlaintextKeyIsStored(String product) throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      CaKey key = keys(database, fileKek()).create("root", CaKeyAlgorithm.EC_P384);
      byte[] ciphertext =
          database.inTransaction(
              c -> {
                try (PreparedStatement s =
                        c.prepareStatement("SELECT key_ciphertext FROM authority_keys");
                    ResultSet r = s.executeQuery()) {
                  r.next();
                  return r.getBytes(1);
                }
              });
      // The public key is inside the PKCS#8 encoding; finding it in the stored bytes would mean
      // the private key is there in plaintext too.
      byte[] publicPoint = tail(key.publicKey().getEncoded(), 48);
      assertThat(indexOf(ciphertext, publicPoint)).isEqualTo(-1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aKeyWrappedByAnHsmKekOpensWithThatKek(String product) throws Exception {
    String label = "ca-kek-" + UUID.randomUUID();
    try (VaultDatabase database = TestDatabases.open(product)) {
      KeyProtector hsm = Pkcs11KeyProtector.open(SoftHsm.config(), SoftHsm.PIN, label, RANDOM);
      CaKey created = keys(database, hsm).create("issuing", CaKeyAlgorithm.EC_P256);

      CaKey found = keys(database, hsm).find("issuing").orElseThrow();

      assertThat(verifies(created, found.sign(SignatureAlgorithm.SHA256_WITH_ECDSA, TBS))).isTrue();
      assertThat(Files.list(dataDir).count()).as("no master key file was needed").isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aKekRotationMovesTheCaKeysToTheNewKek(String product) throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      KeyProtector old = fileKek();
      CaKey created = keys(database, old).create("issuing", CaKeyAlgorithm.EC_P256);
      KeyProtector next = FileKeyProtector.open(dataDir.resolve("next"), RANDOM);

      KekRotation.Report report =
          new KekRotation(MovableClock.at("2026-11-26T14:17:00Z"))
              .rotate(
                  database,
                  old,
                  next,
                  new AuditLog(database, MovableClock.at("2026-11-26T14:17:00Z")));

      assertThat(report.keysRewrapped()).isEqualTo(1);
      // Only the new KEK is configured now: the CA key must open with it alone.
      CaKey found = keys(database, next).find("issuing").orElseThrow();
      assertThat(verifies(created, found.sign(SignatureAlgorithm.SHA256_WITH_ECDSA, TBS))).isTrue();
    }
  }

  private static boolean verifies(CaKey key, byte[] signature) throws Exception {
    String algorithm = key.publicKey().getAlgorithm().equals("RSA") ? "SHA256withRSA" : ecdsa(key);
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(key.publicKey());
    verifier.update(TBS);
    return verifier.verify(signature);
  }

  private static String ecdsa(CaKey key) {
    return key.publicKey().getEncoded().length > 100 ? "SHA384withECDSA" : "SHA256withECDSA";
  }

  private static void update(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.executeUpdate();
    }
  }

  private static byte[] tail(byte[] bytes, int length) {
    byte[] tail = new byte[length];
    System.arraycopy(bytes, bytes.length - length, tail, 0, length);
    return tail;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
