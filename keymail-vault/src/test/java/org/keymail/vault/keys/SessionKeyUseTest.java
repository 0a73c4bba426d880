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
        ProtectedKeys keys = keysOf(vault)) {
      Owner ann = owner(vault, keys, "ann@example.org");
      VaultKeyHandle handle = keys.keyHandle(ann.session().token(), ann.keyId());

      handle.sign(ECDSA, DATA);
      handle.sign(ECDSA, DATA);
      assertThat(keys.unlockedKeyCount()).isEqualTo(1);

      vault.sessions.end(ann.session().token(), null);

      assertThat(keys.unlockedKeyCount()).isZero();
      assertThatThrownBy(() -> handle.sign(ECDSA, DATA))
          .isInstanceOf(KeyUseException.class)
          .hasMessage("Present your PassKey to unlock your keys");
      keys.shipKeyUses();
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
        ProtectedKeys keys = keysOf(vault)) {
      Owner ann = owner(vault, keys, "ann@example.org");
      VaultKeyHandle handle = keys.keyHandle(ann.session().token(), ann.keyId());
      handle.sign(ECDSA, DATA);
      keys.shipKeyUses();

      otherNode.sessions.end(ann.session().token(), null);
      // Until this node ships its journal it answers from memory; the use is journaled as done.
      handle.sign(ECDSA, DATA);
      keys.shipKeyUses();

      assertThat(keys.unlockedKeyCount()).isZero();
      assertThatThrownBy(() -> handle.sign(ECDSA, DATA))
          .isInstanceOf(KeyUseException.class)
          .hasMessage("Present your PassKey to unlock your keys")
          .hasCauseInstanceOf(PassKeyNotPresentedException.class);
      keys.shipKeyUses();
      assertThat(vault.count("SELECT SUM(occurrences) FROM audit_events WHERE operation = 'SIGN'"))
          .isEqualTo(2);
      assertThat(vault.audit.verify()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void revokedPassKeyStopsKeyUseAtTheNextShipment(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        ProtectedKeys keys = keysOf(vault)) {
      Owner ann = owner(vault, keys, "ann@example.org");
      VaultKeyHandle handle = keys.keyHandle(ann.session().token(), ann.keyId());
      handle.sign(ECDSA, DATA);
      keys.shipKeyUses();

      vault.passKeys.revoke(ann.member().user().userId(), ann.member().user().passkeyId(), null);
      // Until this node ships its journal it answers from memory; the use is journaled as done.
      handle.sign(ECDSA, DATA);
      keys.shipKeyUses();

      assertThatThrownBy(() -> handle.sign(ECDSA, DATA))
          .isInstanceOf(KeyUseException.class)
          .hasCauseInstanceOf(PassKeyNotPresentedException.class);
      assertThat(keys.unlockedKeyCount()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void keyUseCountsForTheIdleTimeoutOnEveryNode(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        TestVault otherNode = vault.secondNode();
        ProtectedKeys keys = keysOf(vault)) {
      Owner ann = owner(vault, keys, "ann@example.org");
      VaultKeyHandle handle = keys.keyHandle(ann.session().token(), ann.keyId());
      for (int i = 0; i < 3; i++) {
        vault.clock.advance(Duration.ofMinutes(10));
        handle.sign(ECDSA, DATA);
      }
      keys.shipKeyUses();
      vault.clock.advance(Duration.ofMinutes(14));

      assertThat(otherNode.sessions.require(ann.session().token()).userId())
          .isEqualTo(ann.member().user().userId());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void idleSessionAsksForTheAccessCodeAndForgetsTheKey(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        ProtectedKeys keys = keysOf(vault)) {
      Owner ann = owner(vault, keys, "ann@example.org");
      VaultKeyHandle handle = keys.keyHandle(ann.session().token(), ann.keyId());
      handle.sign(ECDSA, DATA);

      vault.clock.advance(Duration.ofMinutes(15));

      assertThatThrownBy(() -> handle.sign(ECDSA, DATA))
          .isInstanceOf(KeyUseException.class)
          .hasMessage("Your keys locked after a while without use: enter your access code")
          .hasCauseInstanceOf(AccessCodeNeededException.class);
      assertThat(keys.unlockedKeyCount()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void lapsedSessionsAreForgottenWithTheirKeysWithoutFurtherUse(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        ProtectedKeys keys = keysOf(vault)) {
      Owner ann = owner(vault, keys, "ann@example.org");
      keys.keyHandle(ann.session().token(), ann.keyId()).sign(ECDSA, DATA);

      vault.clock.advance(Duration.ofMinutes(16));
      vault.sessions.forgetLapsed();

      assertThat(keys.unlockedKeyCount()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void anotherUsersSessionNeverGetsTheDecryptedKey(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        ProtectedKeys keys = keysOf(vault)) {
      Owner ann = owner(vault, keys, "ann@example.org");
      Owner bob = owner(vault, keys, "bob@example.org");
      keys.keyHandle(ann.session().token(), ann.keyId()).sign(ECDSA, DATA);

      // Bob is refused the handle itself, before anything about Ann's key is told or decrypted.
      assertThatThrownBy(() -> keys.keyHandle(bob.session().token(), ann.keyId()))
          .isInstanceOf(KeyOwnerException.class)
          .hasMessage("this key belongs to another user");
      assertThat(keys.unlockedKeyCount()).isEqualTo(1);
      keys.shipKeyUses();
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
        ProtectedKeys keys = keysOf(vault)) {
      Owner ann = owner(vault, keys, "ann@example.org");
      VaultKeyHandle handle = keys.keyHandle(ann.session().token(), ann.keyId());
      handle.sign(ECDSA, DATA);

      keys.archive(ann.keyId());
      assertThat(keys.unlockedKeyCount()).isZero();
      handle.sign(ECDSA, DATA);
      assertThat(keys.unlockedKeyCount()).isEqualTo(1);

      keys.close();
      assertThat(keys.unlockedKeyCount()).isZero();
    }
  }

  private ProtectedKeys keysOf(TestVault vault) throws Exception {
    SecureRandom random = new SecureRandom();
    Path dataDir = Files.createTempDirectory(files, "data");
    return ProtectedKeys.builder()
        .database(vault.database)
        .protectors(
            KeyProtectors.open(vault.database, vault.clock, FileKeyProtector.open(dataDir, random)))
        .sessionGate(vault.sessions)
        .auditTrail(vault.audit)
        .clock(vault.clock)
        .random(random)
        .keyUseJournal(KeyUseJournal.inMemory())
        .build();
  }

  private Owner owner(TestVault vault, ProtectedKeys keys, String email) throws Exception {
    Member member = vault.member(email, CODE);
    Identity identity = PKI.user(email, KeyType.EC_P256);
    UUID keyId;
    try (var in =
        Files.newInputStream(
            PemFiles.writeP12(Files.createTempFile(files, "id", ".p12"), identity, P12))) {
      keyId = keys.importPkcs12(member.user().userId(), in, P12).keys().get(0).id();
    }
    OpenedSession session =
        vault.sessions.open(vault.present(member.passKeyFile()), CODE.toCharArray(), null);
    return new Owner(member, keyId, session);
  }

  private record Owner(Member member, UUID keyId, OpenedSession session) {}
}
