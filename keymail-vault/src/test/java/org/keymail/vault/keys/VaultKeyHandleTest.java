package org.keymail.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.MessageEncryptor;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.testing.UserSpec;
import org.keymail.smime.verdict.TrustSettings;
import org.keymail.smime.verdict.VerdictStatus;
import org.keymail.vault.protect.TamperedKeyException;
import org.keymail.vault.session.SessionToken;

class VaultKeyHandleTest {

  private static final TestPki PKI = TestPki.create();
  private static final TrustSettings TRUST = TrustSettings.builder().anchor(PKI.root()).build();
  private static final char[] PASSWORD = "p12 password".toCharArray();

  @TempDir Path files;

  static List<Arguments> productsAndKeys() {
    return List.of(
        Arguments.of("H2", KeyType.RSA_2048),
        Arguments.of("H2", KeyType.EC_P256),
        Arguments.of("POSTGRESQL", KeyType.RSA_3072),
        Arguments.of("POSTGRESQL", KeyType.EC_P384));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("productsAndKeys")
  void importedKeySignsAndDecryptsRealSmimeMail(String product, KeyType type) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      Identity identity = PKI.user("alice@example.org", type);
      importP12(vault, alice, identity);
      SessionToken token = vault.sessions.unlock(alice);
      VaultKeyHandle handle = vault.handles.keyHandle(token, identity.certificate());

      byte[] message =
          Messages.text("Alice <alice@example.org>", "bob@example.org", "Signed in the vault.\r\n");
      ByteArrayOutputStream signed = new ByteArrayOutputStream();
      MessageSigner.builder(handle)
          .chain(identity.chain())
          .build()
          .sign(new ByteArrayInputStream(message), signed);
      try (ReadResult result =
          MessageReader.builder()
              .trust(TRUST)
              .build()
              .read(new ByteArrayInputStream(signed.toByteArray()))) {
        assertThat(result.verdict())
            .get()
            .satisfies(
                v -> {
                  assertThat(v.status()).as(v.summary()).isEqualTo(VerdictStatus.VALID_TRUSTED);
                  assertThat(v.signedBy())
                      .map(EmailAddress::ascii)
                      .containsExactly("alice@example.org");
                });
      }

      ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
      MessageEncryptor.builder()
          .recipient(identity.certificate())
          .withoutSenderCopy()
          .build()
          .encrypt(new ByteArrayInputStream(message), encrypted);
      try (ReadResult result =
          MessageReader.builder()
              .key(handle)
              .build()
              .read(new ByteArrayInputStream(encrypted.toByteArray()))) {
        assertThat(result.isEncrypted()).isTrue();
        assertThat(new String(result.openMessage().readAllBytes(), StandardCharsets.UTF_8))
            .endsWith("\r\n\r\nSigned in the vault.\r\n");
      }
      assertThat(vault.auditEvents())
          .containsSubsequence(
              "SIGN SUCCESS key " + handle.keyId(), "DECRYPT SUCCESS key " + handle.keyId());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void generatedKeyWithInstalledCertificateSigns(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      VaultKey key = vault.generation.generate(alice, KeyAlgorithm.EC_P256);
      Identity issued =
          PKI.user(
              UserSpec.email("alice@example.org")
                  .keyType(KeyType.EC_P256)
                  .keyPair(new KeyPair(key.publicKey(), null))
                  .build());
      vault.installation.install(alice, issued.certificate());
      KeyHandle handle = vault.handles.keyHandle(vault.sessions.unlock(alice), key.id());
      ByteArrayOutputStream signed = new ByteArrayOutputStream();
      MessageSigner.builder(handle)
          .chain(issued.chain())
          .build()
          .sign(
              new ByteArrayInputStream(
                  Messages.text("alice@example.org", "bob@example.org", "hi\r\n")),
              signed);
      try (ReadResult result =
          MessageReader.builder()
              .trust(TRUST)
              .build()
              .read(new ByteArrayInputStream(signed.toByteArray()))) {
        assertThat(result.verdict().orElseThrow().status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void anotherUsersSessionCannotUseTheKey(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      UUID mallory = vault.user("mallory@example.org");
      Identity identity = PKI.user("alice@example.org", KeyType.RSA_2048);
      importP12(vault, alice, identity);
      VaultKeyHandle stolen =
          vault.handles.keyHandle(vault.sessions.unlock(mallory), identity.certificate());
      assertThatThrownBy(
              () -> stolen.sign(SignatureAlgorithm.SHA256_WITH_RSA, new byte[] {1, 2, 3}))
          .isInstanceOf(KeyUseException.class)
          .hasMessage("this key belongs to another user");
      byte[] encrypted = encryptTo(identity);
      assertThatThrownBy(
              () ->
                  MessageReader.builder()
                      .key(stolen)
                      .build()
                      .read(new ByteArrayInputStream(encrypted))
                      .close())
          .hasMessageContaining("this key belongs to another user");
      assertThat(vault.auditEvents())
          .contains("SIGN DENIED key " + stolen.keyId(), "DECRYPT DENIED key " + stolen.keyId())
          .noneMatch(e -> e.startsWith("SIGN SUCCESS") || e.startsWith("DECRYPT SUCCESS"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void noOrExpiredSessionAsksForThePassKeyOnEveryUse(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      Identity identity = PKI.user("alice@example.org", KeyType.EC_P256);
      importP12(vault, alice, identity);
      VaultKeyHandle none =
          vault.handles.keyHandle(vault.sessions.stranger(), identity.certificate());
      assertThatThrownBy(() -> none.sign(SignatureAlgorithm.SHA256_WITH_ECDSA, new byte[] {1}))
          .isInstanceOf(KeyUseException.class)
          .hasMessage(TestSessions.PROMPT)
          .hasCauseInstanceOf(TestSessions.Locked.class);

      VaultKeyHandle handle =
          vault.handles.keyHandle(vault.sessions.unlock(alice), identity.certificate());
      assertThat(handle.sign(SignatureAlgorithm.SHA256_WITH_ECDSA, new byte[] {1})).isNotEmpty();
      vault.clock.advance(Duration.ofMinutes(16));
      assertThatThrownBy(() -> handle.sign(SignatureAlgorithm.SHA256_WITH_ECDSA, new byte[] {1}))
          .isInstanceOf(KeyUseException.class)
          .hasMessage(TestSessions.PROMPT);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void archivedKeyStillDecryptsOldMail(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      Identity identity = PKI.user("alice@example.org", KeyType.RSA_2048);
      byte[] old = encryptTo(identity);
      ImportedKeys imported = importP12(vault, alice, identity);
      vault.keyring.archive(imported.keys().get(0).id());
      VaultKeyHandle handle =
          vault.handles.keyHandle(vault.sessions.unlock(alice), identity.certificate());
      try (ReadResult result =
          MessageReader.builder().key(handle).build().read(new ByteArrayInputStream(old))) {
        assertThat(new String(result.openMessage().readAllBytes(), StandardCharsets.UTF_8))
            .endsWith("old secret\r\n");
      }
    }
  }

  /** Ways an attacker with write access to the database might try to get a key used. */
  enum Tampering {
    CIPHERTEXT_BIT("UPDATE vault_keys SET key_ciphertext = ? WHERE id = ?"),
    IV_BIT("UPDATE vault_keys SET key_iv = ? WHERE id = ?"),
    WRAPPED_KEY_BIT("UPDATE vault_keys SET wrapped_data_key = ? WHERE id = ?"),
    ROWS_SWAPPED_BETWEEN_USERS(null),
    ROW_GIVEN_TO_ANOTHER_USER(null);

    final String flipSql;

    Tampering(String flipSql) {
      this.flipSql = flipSql;
    }
  }

  static List<Arguments> tamperings() {
    List<Arguments> all = new java.util.ArrayList<>();
    for (String product : List.of("H2", "POSTGRESQL")) {
      for (Tampering t : Tampering.values()) {
        all.add(Arguments.of(product, t));
      }
    }
    return all;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("tamperings")
  void tamperedStorageFailsClosed(String product, Tampering tampering) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      UUID mallory = vault.user("mallory@example.org");
      Identity aliceId = PKI.user("alice@example.org", KeyType.RSA_2048);
      Identity malloryId = PKI.user("mallory@example.org", KeyType.RSA_2048);
      UUID aliceKey = importP12(vault, alice, aliceId).keys().get(0).id();
      UUID malloryKey = importP12(vault, mallory, malloryId).keys().get(0).id();
      String column =
          switch (tampering) {
            case CIPHERTEXT_BIT -> "key_ciphertext";
            case IV_BIT -> "key_iv";
            case WRAPPED_KEY_BIT -> "wrapped_data_key";
            default -> null;
          };
      VaultKeyHandle used;
      UUID target;
      if (column != null) {
        byte[] value = read(vault, aliceKey, column);
        value[value.length / 2] ^= 0x01;
        execute(vault, tampering.flipSql, value, aliceKey);
        used = vault.handles.keyHandle(vault.sessions.unlock(alice), aliceId.certificate());
        target = aliceKey;
      } else if (tampering == Tampering.ROWS_SWAPPED_BETWEEN_USERS) {
        // Mallory copies Alice's encrypted key into his own row, hoping to use it with his session.
        for (String c : List.of("key_ciphertext", "key_iv", "wrapped_data_key")) {
          execute(
              vault,
              "UPDATE vault_keys SET " + c + " = ? WHERE id = ?",
              read(vault, aliceKey, c),
              malloryKey);
        }
        used = vault.handles.keyHandle(vault.sessions.unlock(mallory), malloryId.certificate());
        target = malloryKey;
      } else {
        // Mallory makes Alice's row his own.
        vault.database.inTransaction(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement("UPDATE vault_keys SET user_id = ? WHERE id = ?")) {
                s.setObject(1, mallory);
                s.setObject(2, aliceKey);
                return s.executeUpdate();
              }
            });
        used = vault.handles.keyHandle(vault.sessions.unlock(mallory), aliceKey);
        target = aliceKey;
      }
      assertThatThrownBy(() -> used.sign(SignatureAlgorithm.SHA256_WITH_RSA, new byte[] {1}))
          .isInstanceOf(KeyUseException.class)
          .hasCauseInstanceOf(TamperedKeyException.class)
          .hasMessageContaining("does not decrypt");
      assertThatThrownBy(() -> vault.integrity.verify(target))
          .isInstanceOf(TamperedKeyException.class);
      assertThat(vault.auditEvents()).contains("SIGN FAILURE key " + target);
    }
  }

  private static byte[] read(TestVault vault, UUID keyId, String column) throws Exception {
    return vault.database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT " + column + " FROM vault_keys WHERE id = ?")) {
            s.setObject(1, keyId);
            try (var r = s.executeQuery()) {
              r.next();
              return r.getBytes(1);
            }
          }
        });
  }

  private static void execute(TestVault vault, String sql, byte[] value, UUID keyId)
      throws Exception {
    vault.database.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setBytes(1, value);
            s.setObject(2, keyId);
            return s.executeUpdate();
          }
        });
  }

  private static byte[] encryptTo(Identity identity) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageEncryptor.builder()
        .recipient(identity.certificate())
        .withoutSenderCopy()
        .build()
        .encrypt(
            new ByteArrayInputStream(
                Messages.text("bob@example.org", "alice@example.org", "old secret\r\n")),
            out);
    return out.toByteArray();
  }

  private ImportedKeys importP12(TestVault vault, UUID user, Identity identity) throws Exception {
    Path p12 = PemFiles.writeP12(Files.createTempFile(files, "id", ".p12"), identity, PASSWORD);
    try (var in = Files.newInputStream(p12)) {
      return vault.pkcs12.importPkcs12(user, in, PASSWORD);
    }
  }
}
