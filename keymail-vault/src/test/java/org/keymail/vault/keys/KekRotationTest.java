package org.keymail.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.testing.UserSpec;
import org.keymail.vault.protect.FileKeyProtector;
import org.keymail.vault.protect.KekRotation;
import org.keymail.vault.protect.KekUnavailableException;
import org.keymail.vault.protect.KeyProtector;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.protect.Pkcs11KeyProtector;
import org.keymail.vault.protect.SoftHsm;
import org.keymail.vault.protect.TamperedKeyException;
import org.keymail.vault.store.VaultDatabase;

class KekRotationTest {

  private static final TestPki PKI = TestPki.create();
  private static final char[] PASSWORD = "p12".toCharArray();

  @TempDir Path files;

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void rotationRewrapsEveryDataKeyAndLeavesCiphertextsAlone(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      List<UUID> keyIds = someKeys(vault);
      Map<UUID, String> before = columns(vault.database);
      KeyProtector next = FileKeyProtector.open(files.resolve("next"), vault.random);

      KekRotation.Report report =
          new KekRotation(vault.clock).rotate(vault.database, vault.kek, next, vault.audit);

      assertThat(report)
          .isEqualTo(new KekRotation.Report(vault.kek.kekId(), next.kekId(), keyIds.size()));
      Map<UUID, String> after = columns(vault.database);
      for (UUID id : keyIds) {
        String[] old = before.get(id).split(" ");
        String[] now = after.get(id).split(" ");
        assertThat(now[0]).as("ciphertext").isEqualTo(old[0]);
        assertThat(now[1]).as("IV").isEqualTo(old[1]);
        assertThat(now[2]).as("wrapped data key").isNotEqualTo(old[2]);
        assertThat(now[3]).as("KEK").isEqualTo(next.kekId());
      }
      assertThat(retired(vault.database)).containsExactly(vault.kek.kekId());
      assertThat(vault.auditEvents())
          .contains("ROTATE_KEK SUCCESS " + vault.kek.kekId() + " -> " + next.kekId());

      // Only the new KEK is needed from now on, and every key still works.
      KeyIntegrity keys =
          new KeyIntegrity(
              vault.database, KeyProtectors.open(vault.database, vault.clock, next), vault.random);
      for (UUID id : keyIds) {
        keys.verify(id);
      }
      // a server still running on the old KEK cannot add keys under it
      assertThatThrownBy(
              () -> vault.generation.generate(vault.user("late@example.org"), KeyAlgorithm.EC_P256))
          .isInstanceOf(KekUnavailableException.class)
          .hasMessage(
              "the KEK "
                  + vault.kek.kekId()
                  + " was retired by a KEK rotation; restart this server with the new KEK");
      // and the old KEK alone no longer opens them
      KeyIntegrity oldOnly =
          new KeyIntegrity(
              vault.database,
              KeyProtectors.open(vault.database, vault.clock, vault.kek),
              vault.random);
      assertThatThrownBy(() -> oldOnly.verify(keyIds.get(0)))
          .isInstanceOf(KekUnavailableException.class)
          .hasMessage(
              "a stored key is wrapped by KEK "
                  + next.kekId()
                  + ", which this server is not configured with; "
                  + "configure it beside the current KEK "
                  + vault.kek.kekId());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void rotationThatMeetsATamperedKeyChangesNothing(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      List<UUID> keyIds = someKeys(vault);
      UUID last = keyIds.stream().sorted().toList().get(keyIds.size() - 1);
      vault.database.inTransaction(
          c -> {
            try (PreparedStatement s =
                c.prepareStatement("UPDATE vault_keys SET wrapped_data_key = ? WHERE id = ?")) {
              s.setBytes(1, new byte[61]);
              s.setObject(2, last);
              return s.executeUpdate();
            }
          });
      Map<UUID, String> before = columns(vault.database);
      long events = vault.count("audit_events");
      KeyProtector next = FileKeyProtector.open(files.resolve("next"), vault.random);

      assertThatThrownBy(
              () ->
                  new KekRotation(vault.clock).rotate(vault.database, vault.kek, next, vault.audit))
          .isInstanceOf(TamperedKeyException.class);

      assertThat(columns(vault.database)).isEqualTo(before);
      assertThat(retired(vault.database)).isEmpty();
      assertThat(vault.count("audit_events")).isEqualTo(events);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void rotationFromTheFileKekIntoTheHsmKeepsEveryKeyWorking(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      List<UUID> keyIds = someKeys(vault);
      Pkcs11KeyProtector hsm =
          Pkcs11KeyProtector.open(
              SoftHsm.config(), SoftHsm.PIN, "kek-" + UUID.randomUUID(), vault.random);

      assertThat(
              new KekRotation(vault.clock)
                  .rotate(vault.database, vault.kek, hsm, vault.audit)
                  .keysRewrapped())
          .isEqualTo(keyIds.size());

      KeyIntegrity keys =
          new KeyIntegrity(
              vault.database, KeyProtectors.open(vault.database, vault.clock, hsm), vault.random);
      for (UUID id : keyIds) {
        keys.verify(id);
      }
      assertThat(columns(vault.database).values())
          .allSatisfy(v -> assertThat(v).endsWith(" " + hsm.kekId()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void vaultWithAnHsmKekGeneratesImportsAndSigns(String product) throws Exception {
    Pkcs11KeyProtector hsm =
        Pkcs11KeyProtector.open(
            SoftHsm.config(),
            SoftHsm.PIN,
            "kek-" + UUID.randomUUID(),
            new java.security.SecureRandom());
    try (TestVault vault = TestVault.open(product, hsm)) {
      UUID alice = vault.user("alice@example.org");
      VaultKey generated = vault.generation.generate(alice, KeyAlgorithm.RSA_2048);
      vault.installation.install(
          alice,
          PKI.user(
                  UserSpec.email("alice@example.org")
                      .keyType(KeyType.RSA_2048)
                      .keyPair(new KeyPair(generated.publicKey(), null))
                      .build())
              .certificate());
      Identity imported = PKI.user("alice@example.org", KeyType.EC_P256);
      try (var in =
          Files.newInputStream(PemFiles.writeP12(files.resolve("a.p12"), imported, PASSWORD))) {
        vault.pkcs12.importPkcs12(alice, in, PASSWORD);
      }
      var token = vault.sessions.unlock(alice);
      assertThat(
              vault
                  .handles
                  .keyHandle(token, generated.id())
                  .sign(SignatureAlgorithm.SHA256_WITH_RSA, new byte[] {7}))
          .hasSize(256);
      assertThat(
              vault
                  .handles
                  .keyHandle(token, imported.certificate())
                  .sign(SignatureAlgorithm.SHA256_WITH_ECDSA, new byte[] {7}))
          .isNotEmpty();
      assertThat(columns(vault.database).values())
          .hasSize(2)
          .allSatisfy(v -> assertThat(v).endsWith(" " + hsm.kekId()));
      assertThat(kinds(vault.database)).containsExactly(hsm.kekId() + " PKCS11");
    }
  }

  /** Keys of two users: generated and imported, RSA and EC. */
  private List<UUID> someKeys(TestVault vault) throws Exception {
    String aliceAddress = "alice-" + UUID.randomUUID() + "@example.org";
    String bobAddress = "bob-" + UUID.randomUUID() + "@example.org";
    UUID alice = vault.user(aliceAddress);
    UUID bob = vault.user(bobAddress);
    List<UUID> ids = new ArrayList<>();
    ids.add(vault.generation.generate(alice, KeyAlgorithm.EC_P256).id());
    ids.add(vault.generation.generate(bob, KeyAlgorithm.EC_P384).id());
    ids.add(vault.generation.generate(bob, KeyAlgorithm.RSA_2048).id());
    for (Map.Entry<UUID, String> user : Map.of(alice, aliceAddress, bob, bobAddress).entrySet()) {
      // A certificate of each user's own address: the vault takes no other.
      Path p12 =
          PemFiles.writeP12(
              Files.createTempFile(files, "k", ".p12"),
              PKI.user(user.getValue(), KeyType.RSA_2048),
              PASSWORD);
      try (var in = Files.newInputStream(p12)) {
        ids.add(vault.pkcs12.importPkcs12(user.getKey(), in, PASSWORD).keys().get(0).id());
      }
    }
    return ids;
  }

  /** Per key: ciphertext, IV, wrapped data key (hex) and KEK id. */
  static Map<UUID, String> columns(VaultDatabase database) throws Exception {
    HexFormat hex = HexFormat.of();
    return database.inTransaction(
        c -> {
          Map<UUID, String> rows = new TreeMap<>();
          try (var s = c.createStatement();
              ResultSet r =
                  s.executeQuery(
                      "SELECT id, key_ciphertext, key_iv, wrapped_data_key, kek_id FROM vault_keys")) {
            while (r.next()) {
              rows.put(
                  r.getObject(1, UUID.class),
                  hex.formatHex(r.getBytes(2))
                      + " "
                      + hex.formatHex(r.getBytes(3))
                      + " "
                      + hex.formatHex(r.getBytes(4))
                      + " "
                      + r.getString(5));
            }
          }
          return rows;
        });
  }

  static List<String> retired(VaultDatabase database) throws Exception {
    return database.inTransaction(
        c -> {
          List<String> ids = new ArrayList<>();
          try (var s = c.createStatement();
              ResultSet r = s.executeQuery("SELECT id FROM keks WHERE retired_at IS NOT NULL")) {
            while (r.next()) {
              ids.add(r.getString(1));
            }
          }
          return ids;
        });
  }

  private static List<String> kinds(VaultDatabase database) throws Exception {
    return database.inTransaction(
        c -> {
          List<String> rows = new ArrayList<>();
          try (var s = c.createStatement();
              ResultSet r = s.executeQuery("SELECT id, protector FROM keks")) {
            while (r.next()) {
              rows.add(r.getString(1) + " " + r.getString(2));
            }
          }
          return rows;
        });
  }
}
