package org.keymail.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.encrypt.MessageEncryptor;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;
import org.keymail.vault.session.SessionToken;

/**
 * "Nothing deletes a decryption key except an explicit, audited administrator action": only an
 * active administrator with a reason deletes a vault key, in one transaction with its KEY_DELETE
 * event; old mail to that key then fails to decrypt with a message that says why.
 */
class KeyDeletionTest {

  private static final TestPki PKI = TestPki.create();
  private static final char[] PASSWORD = "p12".toCharArray();

  @TempDir Path files;

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void userWhoIsNoAdministratorCannotDeleteAKey(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      UUID mallory = vault.user("mallory@example.org");
      UUID keyId = importKey(vault, alice, PKI.user("alice@example.org", KeyType.RSA_2048));

      assertThatThrownBy(() -> vault.deletion.deleteKey(keyId, mallory, "I want to", "192.0.2.9"))
          .isInstanceOf(NotAdministratorException.class)
          .hasMessage("only an administrator may delete a vault key");

      assertThat(vault.count("vault_keys")).isEqualTo(1);
      assertThat(vault.auditEvents()).contains("KEY_DELETE DENIED key " + keyId);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void deletionWithoutAReasonIsRefused(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      UUID admin = vault.administrator("admin@example.org");
      UUID keyId = importKey(vault, alice, PKI.user("alice@example.org", KeyType.RSA_2048));

      for (String blank : new String[] {null, "", "   "}) {
        assertThatThrownBy(() -> vault.deletion.deleteKey(keyId, admin, blank, null))
            .isInstanceOf(DeletionReasonException.class)
            .hasMessage("say why the key is deleted: the audit log keeps the reason");
      }
      assertThat(vault.count("vault_keys")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void administratorDeletesTheKeyAuditedAndOldMailNoLongerDecrypts(String product)
      throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      UUID admin = vault.administrator("admin@example.org");
      Identity identity = PKI.user("alice@example.org", KeyType.RSA_2048);
      UUID keyId = importKey(vault, alice, identity);
      byte[] old = encryptTo(identity);
      SessionToken token = vault.sessions.unlock(alice);
      VaultKeyHandle handle = vault.handles.keyHandle(token, identity.certificate());
      MessageReader.builder().key(handle).build().read(new ByteArrayInputStream(old)).close();
      assertThat(vault.handles.unlockedKeyCount()).isEqualTo(1);

      assertThat(vault.deletion.isKeyOf(keyId, "Alice@Example.org")).isTrue();
      assertThat(vault.deletion.isKeyOf(keyId, alice.toString())).isTrue();
      assertThat(vault.deletion.isKeyOf(keyId, "admin@example.org")).isFalse();
      vault.deletion.deleteKey(keyId, admin, "  key compromised, ticket 4711 ", "192.0.2.1");

      assertThat(vault.count("vault_keys")).isZero();
      assertThat(vault.handles.unlockedKeyCount()).isZero();
      assertThat(vault.keyring.certificates(alice))
          .filteredOn(c -> c.certificate().equals(identity.certificate()))
          .singleElement()
          .satisfies(c -> assertThat(c.archivedAt()).isNotNull())
          .satisfies(c -> assertThat(c.keyId()).isNull());
      String detail =
          vault.database.inTransaction(
              c -> {
                try (var s =
                        c.prepareStatement(
                            "SELECT user_id, object, client_address, detail FROM audit_events WHERE operation = 'KEY_DELETE'");
                    var r = s.executeQuery()) {
                  r.next();
                  return r.getObject(1, UUID.class)
                      + " | "
                      + r.getString(2)
                      + " | "
                      + r.getString(3)
                      + " | "
                      + r.getString(4);
                }
              });
      assertThat(detail)
          .isEqualTo(
              admin
                  + " | key "
                  + keyId
                  + " (rsa-2048) of user "
                  + alice
                  + " | 192.0.2.1 | key compromised, ticket 4711");
      assertThatThrownBy(
              () ->
                  MessageReader.builder()
                      .key(handle)
                      .build()
                      .read(new ByteArrayInputStream(old))
                      .close())
          .hasMessageContaining(
              "vault key " + keyId + " no longer exists (an administrator deleted it)");
      assertThatThrownBy(() -> vault.handles.keyHandle(token, identity.certificate()))
          .isInstanceOf(UnknownKeyException.class);
      assertThatThrownBy(() -> vault.deletion.deleteKey(keyId, admin, "again", null))
          .isInstanceOf(UnknownKeyException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void deletedKeyFailsEvenForAHandleMadeBefore(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      UUID admin = vault.administrator("admin@example.org");
      Identity identity = PKI.user("alice@example.org", KeyType.EC_P256);
      UUID keyId = importKey(vault, alice, identity);
      VaultKeyHandle handle =
          vault.handles.keyHandle(vault.sessions.unlock(alice), identity.certificate());

      vault.deletion.deleteKey(keyId, admin, "left the company", null);

      assertThatThrownBy(
              () ->
                  handle.sign(
                      org.keymail.smime.SignatureAlgorithm.SHA256_WITH_ECDSA, new byte[] {1}))
          .isInstanceOf(KeyUseException.class)
          .hasMessage(
              "vault key "
                  + keyId
                  + " no longer exists (an administrator deleted it); mail encrypted only to"
                  + " it cannot be read any more");
    }
  }

  private UUID importKey(TestVault vault, UUID user, Identity identity) throws Exception {
    Path p12 = PemFiles.writeP12(Files.createTempFile(files, "id", ".p12"), identity, PASSWORD);
    try (var in = Files.newInputStream(p12)) {
      return vault.pkcs12.importPkcs12(user, in, PASSWORD).keys().get(0).id();
    }
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
}
