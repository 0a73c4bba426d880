package org.keymail.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.keys.Pkcs12Reader;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;
import org.keymail.vault.keyuse.KeyUseJournal;
import org.keymail.vault.protect.FileKeyProtector;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.session.AccessCodeNeededException;
import org.keymail.vault.session.OpenedSession;
import org.keymail.vault.session.PassKeyNotPresentedException;
import org.keymail.vault.user.TestVault;
import org.keymail.vault.user.TestVault.Member;

/**
 * Key use under real unlock sessions: the session is checked in memory per use and confirmed by the
 * database in the transaction that ships the key uses' audit events, so a session ended elsewhere
 * stops working here at the next shipment; the decrypted key is kept for its session only and
 * forgotten with it.
 */
class SessionKeyUseTest {

  private static final TestPki PKI = TestPki.create();
  private static final char[] P12 = "p12".toCharArray();
  private static final String CODE = "Secret-123";
  private static final SignatureAlgorithm ECDSA = SignatureAlgorithm.SHA256_WITH_ECDSA;
  private static final byte[] DATA = {1, 2, 3};

  @TempDir Path files;

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void keyIsDecryptedOncePerSessionAndForgottenAtLogout(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        Keys keys = keysOf(vault)) {
      Owner ann = owner(vault, keys, "ann@example.org");
      VaultKeyHandle handle = keys.handles().keyHandle(ann.session().token(), ann.keyId());

      handle.sign(ECDSA, DATA);
      handle.sign(ECDSA, DATA);
      assertThat(keys.handles().unlockedKeyCount()).isEqualTo(1);

      vault.issuer.end(ann.session().token(), null);

      assertThat(keys.handles().unlockedKeyCount()).isZero();
      assertThatThrownBy(() -> handle.sign(ECDSA, DATA))
          .isInstanceOf(KeyUseException.class)
          .hasMessage("Present your PassKey to unlock your keys");
      keys.handles().shipKeyUses();
      assertThat(
              vault.count(
                  "SELECT SUM(occurrences) FROM audit_events WHERE operation = 'SIGN' AND result = 'SUCCESS'"))
          .isEqualTo(2);
      assertThat(vault.audit.verify()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void sessionEndedOnAnotherNodeStopsWorkingHereAtTheNextShipment(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        TestVault otherNode = vault.secondNode();
        Keys keys = keysOf(vault)) {
      Owner ann = owner(vault, keys, "ann@example.org");
      VaultKeyHandle handle = keys.handles().keyHandle(ann.session().token(), ann.keyId());
      handle.sign(ECDSA, DATA);
      keys.handles().shipKeyUses();

      otherNode.issuer.end(ann.session().token(), null);
      // Until this node ships its journal it answers from memory; the use is journaled as done.
      handle.sign(ECDSA, DATA);
      keys.handles().shipKeyUses();

      assertThat(keys.handles().unlockedKeyCount()).isZero();
      assertThatThrownBy(() -> handle.sign(ECDSA, DATA))
          .isInstanceOf(KeyUseException.class)
          .hasMessage("Present your PassKey to unlock your keys")
          .hasCauseInstanceOf(PassKeyNotPresentedException.class);
      keys.handles().shipKeyUses();
      assertThat(vault.count("SELECT SUM(occurrences) FROM audit_events WHERE operation = 'SIGN'"))
          .isEqualTo(2);
      assertThat(vault.audit.verify()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void revokedPassKeyStopsKeyUseAtTheNextShipment(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        Keys keys = keysOf(vault)) {
      Owner ann = owner(vault, keys, "ann@example.org");
      VaultKeyHandle handle = keys.handles().keyHandle(ann.session().token(), ann.keyId());
      handle.sign(ECDSA, DATA);
      keys.handles().shipKeyUses();

      vault.passKeys.revoke(ann.member().user().userId(), ann.member().user().passkeyId(), null);
      // Until this node ships its journal it answers from memory; the use is journaled as done.
      handle.sign(ECDSA, DATA);
      keys.handles().shipKeyUses();

      assertThatThrownBy(() -> handle.sign(ECDSA, DATA))
          .isInstanceOf(KeyUseException.class)
          .hasCauseInstanceOf(PassKeyNotPresentedException.class);
      assertThat(keys.handles().unlockedKeyCount()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void keyUseCountsForTheIdleTimeoutOnEveryNode(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        TestVault otherNode = vault.secondNode();
        Keys keys = keysOf(vault)) {
      Owner ann = owner(vault, keys, "ann@example.org");
      VaultKeyHandle handle = keys.handles().keyHandle(ann.session().token(), ann.keyId());
      for (int i = 0; i < 3; i++) {
        vault.clock.advance(Duration.ofMinutes(10));
        handle.sign(ECDSA, DATA);
      }
      keys.handles().shipKeyUses();
      vault.clock.advance(Duration.ofMinutes(14));

      assertThat(otherNode.sessions.require(ann.session().token()).userId())
          .isEqualTo(ann.member().user().userId());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void idleSessionAsksForTheAccessCodeAndForgetsTheKey(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        Keys keys = keysOf(vault)) {
      Owner ann = owner(vault, keys, "ann@example.org");
      VaultKeyHandle handle = keys.handles().keyHandle(ann.session().token(), ann.keyId());
      handle.sign(ECDSA, DATA);

      vault.clock.advance(Duration.ofMinutes(15));

      assertThatThrownBy(() -> handle.sign(ECDSA, DATA))
          .isInstanceOf(KeyUseException.class)
          .hasMessage("Your keys locked after a while without use: enter your access code")
          .hasCauseInstanceOf(AccessCodeNeededException.class);
      assertThat(keys.handles().unlockedKeyCount()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void lapsedSessionsAreForgottenWithTheirKeysWithoutFurtherUse(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        Keys keys = keysOf(vault)) {
      Owner ann = owner(vault, keys, "ann@example.org");
      keys.handles().keyHandle(ann.session().token(), ann.keyId()).sign(ECDSA, DATA);

      vault.clock.advance(Duration.ofMinutes(16));
      vault.sessions.forgetLapsed();

      assertThat(keys.handles().unlockedKeyCount()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void anotherUsersSessionNeverGetsTheDecryptedKey(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        Keys keys = keysOf(vault)) {
      Owner ann = owner(vault, keys, "ann@example.org");
      Owner bob = owner(vault, keys, "bob@example.org");
      keys.handles().keyHandle(ann.session().token(), ann.keyId()).sign(ECDSA, DATA);

      // Bob is refused the handle itself, before anything about Ann's key is told or decrypted.
      assertThatThrownBy(() -> keys.handles().keyHandle(bob.session().token(), ann.keyId()))
          .isInstanceOf(KeyOwnerException.class)
          .hasMessage("this key belongs to another user");
      assertThat(keys.handles().unlockedKeyCount()).isEqualTo(1);
      keys.handles().shipKeyUses();
      assertThat(
              vault.count(
                  "SELECT COUNT(*) FROM audit_events WHERE operation = 'KEY_USE' AND result = 'DENIED'"))
          .isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void archivingAKeyAndClosingTheVaultForgetDecryptedCopies(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        Keys keys = keysOf(vault)) {
      Owner ann = owner(vault, keys, "ann@example.org");
      VaultKeyHandle handle = keys.handles().keyHandle(ann.session().token(), ann.keyId());
      handle.sign(ECDSA, DATA);

      keys.keyring().archive(ann.keyId());
      assertThat(keys.handles().unlockedKeyCount()).isZero();
      handle.sign(ECDSA, DATA);
      assertThat(keys.handles().unlockedKeyCount()).isEqualTo(1);

      keys.handles().close();
      assertThat(keys.handles().unlockedKeyCount()).isZero();
    }
  }

  /** The vault's key handling on the test vault's database, under a file KEK of its own. */
  private record Keys(KeyHandles handles, Pkcs12Import pkcs12, Keyring keyring)
      implements AutoCloseable {
    @Override
    public void close() {
      handles.close();
    }
  }

  private Keys keysOf(TestVault vault) throws Exception {
    SecureRandom random = new SecureRandom();
    Path dataDir = Files.createTempDirectory(files, "data");
    KeyProtectors protectors =
        KeyProtectors.open(vault.database, vault.clock, FileKeyProtector.open(dataDir, random));
    KeyHandles handles =
        KeyHandles.builder()
            .database(vault.database)
            .protectors(protectors)
            .sessionGate(vault.sessions)
            .auditTrail(vault.audit)
            .clock(vault.clock)
            .random(random)
            .keyUseJournal(KeyUseJournal.inMemory())
            .build();
    return new Keys(
        handles,
        new Pkcs12Import(
            vault.database,
            protectors,
            vault.audit,
            vault.clock,
            random,
            new Pkcs12Reader(Pkcs12Reader.DEFAULT_MAX_ITERATIONS)),
        new Keyring(vault.database, vault.audit, vault.clock, handles));
  }

  private Owner owner(TestVault vault, Keys keys, String email) throws Exception {
    Member member = vault.member(email, CODE);
    Identity identity = PKI.user(email, KeyType.EC_P256);
    UUID keyId;
    try (var in =
        Files.newInputStream(
            PemFiles.writeP12(Files.createTempFile(files, "id", ".p12"), identity, P12))) {
      keyId = keys.pkcs12().importPkcs12(member.user().userId(), in, P12).keys().get(0).id();
    }
    OpenedSession session =
        vault.issuer.open(vault.present(member.passKeyFile()), CODE.toCharArray(), null);
    return new Owner(member, keyId, session);
  }

  private record Owner(Member member, UUID keyId, OpenedSession session) {}
}
