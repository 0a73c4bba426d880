package org.keymail.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.keys.Pkcs12Reader;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.testing.UserSpec;
import org.keymail.testing.ChildJvm;
import org.keymail.testing.RunningProcess;
import org.keymail.vault.protect.FileKeyProtector;
import org.keymail.vault.protect.KekRotation;
import org.keymail.vault.protect.KeyProtector;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.store.VaultDatabase;

/**
 * A vault process killed (SIGKILL) in the middle of a PKCS#12 import or a KEK rotation leaves
 * either the whole change or none of it, and every key still decrypts after the restart.
 *
 * <p>The child stops inside the transaction, after half the keys were written, and waits there for
 * the kill, so every run crashes in the middle rather than before or after the work.
 */
class CrashConsistencyIT {

  private static final int IMPORTED_KEYS = 120;
  private static final int ROTATED_KEYS = 400;
  private static final String P12_PASSWORD = "crash test";

  @TempDir Path files;

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void pkcs12ImportKilledHalfWayLeavesNothingAndCanBeRepeated(String product) throws Exception {
    Connection target;
    UUID alice;
    Path p12 = files.resolve("many.p12");
    writeP12WithManyKeys(p12);
    try (TestVault vault = TestVault.open(product)) {
      alice = vault.user("alice@example.org");
      target = Connection.of(vault);
    }

    try (RunningProcess child =
        ChildJvm.of(
                CrashChild.class,
                "import",
                target.url,
                target.user,
                target.password,
                target.dataDir.toString(),
                alice.toString(),
                p12.toString(),
                P12_PASSWORD,
                String.valueOf(IMPORTED_KEYS / 2))
            .start()) {
      child.awaitLine("started");
      assertThat(child.kill()).as("killed by SIGKILL").isEqualTo(137);
      assertThat(child.lines()).doesNotContain("done");
    }

    try (VaultDatabase database = target.open()) {
      assertThat(count(database, "vault_keys")).isZero();
      assertThat(count(database, "certificates")).isZero();
      assertThat(count(database, "audit_events")).isZero();

      KeyProtectors kek =
          protectors(database, FileKeyProtector.open(target.dataDir, new SecureRandom()));
      ImportedKeys imported =
          new Pkcs12Import(
                  database,
                  kek,
                  new TestAuditTrail(Clock.systemUTC()),
                  Clock.systemUTC(),
                  new SecureRandom(),
                  new Pkcs12Reader(Pkcs12Reader.DEFAULT_MAX_ITERATIONS))
              .importPkcs12(
                  alice,
                  new ByteArrayInputStream(Files.readAllBytes(p12)),
                  P12_PASSWORD.toCharArray());
      assertThat(imported.keys()).hasSize(IMPORTED_KEYS);
      KeyIntegrity keys = integrity(database, kek);
      for (VaultKey key : imported.keys()) {
        keys.verify(key.id());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void kekRotationKilledHalfWayLeavesEveryKeyUnderTheOldKek(String product) throws Exception {
    Connection target;
    List<UUID> keyIds = new ArrayList<>();
    Map<UUID, String> before;
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      UUID bob = vault.user("bob@example.org");
      for (int i = 0; i < ROTATED_KEYS; i++) {
        keyIds.add(vault.generation.generate(i % 2 == 0 ? alice : bob, KeyAlgorithm.EC_P256).id());
      }
      before = KekRotationTest.columns(vault.database);
      target = Connection.of(vault);
    }
    Path newKekDir = files.resolve("new-kek");

    try (RunningProcess child =
        ChildJvm.of(
                CrashChild.class,
                "rotate",
                target.url,
                target.user,
                target.password,
                target.dataDir.toString(),
                newKekDir.toString(),
                String.valueOf(ROTATED_KEYS / 2))
            .start()) {
      child.awaitLine("started");
      assertThat(child.kill()).as("killed by SIGKILL").isEqualTo(137);
      assertThat(child.lines()).doesNotContain("done");
    }

    KeyProtector oldKek = FileKeyProtector.open(target.dataDir, new SecureRandom());
    KeyProtector newKek = FileKeyProtector.open(newKekDir, new SecureRandom());
    try (VaultDatabase database = target.open()) {
      assertThat(KekRotationTest.columns(database)).isEqualTo(before);
      assertThat(KekRotationTest.retired(database)).isEmpty();
      assertThat(TestAuditTrail.events(database)).noneMatch(e -> e.startsWith("ROTATE_KEK"));
      KeyIntegrity keys = integrity(database, protectors(database, oldKek));
      for (UUID id : keyIds) {
        keys.verify(id);
      }

      // The rotation run again to its end moves every key.
      new KekRotation(Clock.systemUTC())
          .rotate(database, oldKek, newKek, new TestAuditTrail(Clock.systemUTC()));
      KeyIntegrity rotated = integrity(database, protectors(database, newKek));
      for (UUID id : keyIds) {
        rotated.verify(id);
      }
      assertThat(KekRotationTest.retired(database)).containsExactly(oldKek.kekId());
    }
  }

  private static KeyProtectors protectors(VaultDatabase database, KeyProtector kek) {
    return KeyProtectors.open(database, Clock.systemUTC(), kek);
  }

  private static KeyIntegrity integrity(VaultDatabase database, KeyProtectors protectors) {
    return new KeyIntegrity(database, protectors, new SecureRandom());
  }

  private static long count(VaultDatabase database, String table) throws Exception {
    return database.inTransaction(
        c -> {
          try (var s = c.createStatement();
              var r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
          }
        });
  }

  private static void writeP12WithManyKeys(Path file) throws Exception {
    TestPki pki = TestPki.create(Clock.systemUTC(), KeyType.EC_P256, KeyType.EC_P256);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    for (int i = 0; i < IMPORTED_KEYS; i++) {
      Identity identity =
          pki.user(
              UserSpec.email("alice@example.org")
                  .keyType(KeyType.EC_P256)
                  .keyPair(generator.generateKeyPair())
                  .build());
      store.setKeyEntry(
          "key-" + i,
          identity.privateKey(),
          P12_PASSWORD.toCharArray(),
          identity.certificateAndChain().toArray(Certificate[]::new));
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, P12_PASSWORD.toCharArray());
    }
  }

  /**
   * How the child reaches the test's database and data directory; the parent's pool is closed
   * first.
   */
  private record Connection(String url, String user, String password, Path dataDir) {
    static Connection of(TestVault vault) {
      HikariDataSource pool = (HikariDataSource) vault.database.dataSource();
      return new Connection(
          pool.getJdbcUrl(),
          pool.getUsername(),
          pool.getPassword() == null ? "" : pool.getPassword(),
          vault.dataDir);
    }

    VaultDatabase open() {
      return VaultDatabase.open(url, user, password);
    }
  }
}
