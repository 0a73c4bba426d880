package org.keymail.vault.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.vault.lockout.AccessCodeWrongException;
import org.keymail.vault.lockout.PassKeyUnusableException;
import org.keymail.vault.passkey.AssertedPassKey;
import org.keymail.vault.passkey.PassKeyRevokedException;
import org.keymail.vault.user.TestVault;
import org.keymail.vault.user.TestVault.Member;

class UnlockSessionsTest {

  private static final String CODE = "Secret-123";

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void passKeyAndRightCodeOpenASessionStoredOnlyAsAHash(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", CODE);
      AssertedPassKey presented = vault.present(ann.passKeyFile());

      OpenedSession opened = vault.sessions.open(presented, CODE.toCharArray(), "192.0.2.7");
      UnlockSession session = vault.sessions.require(opened.token());

      assertThat(session.userId()).isEqualTo(ann.user().userId());
      assertThat(session.passkeyId()).isEqualTo(ann.user().passkeyId());
      assertThat(session.idleExpiry()).isEqualTo(Instant.parse("2026-11-26T14:32:00Z"));
      assertThat(session.absoluteExpiry()).isEqualTo(Instant.parse("2026-11-26T22:17:00Z"));
      byte[] stored =
          vault.database.inTransaction(
              c -> {
                try (var s = c.prepareStatement("SELECT token_hash FROM unlock_sessions");
                    var r = s.executeQuery()) {
                  r.next();
                  return r.getBytes(1);
                }
              });
      assertThat(stored)
          .isEqualTo(MessageDigest.getInstance("SHA-256").digest(opened.token().bytes()));
      assertThat(opened.toString()).doesNotContain(opened.token().reveal());
      assertThat(
              vault.count(
                  "SELECT COUNT(*) FROM audit_events WHERE operation = 'UNLOCK' AND result ="
                      + " 'SUCCESS'"))
          .isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void wrongCodeOpensNoSession(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", CODE);
      AssertedPassKey presented = vault.present(ann.passKeyFile());

      assertThatThrownBy(() -> vault.sessions.open(presented, "Secret-124".toCharArray(), null))
          .isInstanceOf(AccessCodeWrongException.class);
      assertThat(vault.count("SELECT COUNT(*) FROM unlock_sessions")).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void useMovesTheIdleExpiryOnAndIdleSessionAsksForTheAccessCode(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", CODE);
      OpenedSession opened =
          vault.sessions.open(vault.present(ann.passKeyFile()), CODE.toCharArray(), null);

      vault.clock.advance(Duration.ofMinutes(14));
      assertThat(vault.sessions.require(opened.token()).idleExpiry())
          .isEqualTo(Instant.parse("2026-11-26T14:46:00Z"));
      vault.clock.advance(Duration.ofMinutes(14));
      vault.sessions.require(opened.token());
      vault.clock.advance(Duration.ofMinutes(15));

      assertThatThrownBy(() -> vault.sessions.require(opened.token()))
          .isInstanceOf(AccessCodeNeededException.class)
          .hasMessage("Your keys locked after a while without use: enter your access code");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void sessionEndsAfterEightHoursHoweverBusy(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", CODE);
      OpenedSession opened =
          vault.sessions.open(vault.present(ann.passKeyFile()), CODE.toCharArray(), null);

      for (int i = 0; i < 48; i++) {
        vault.clock.advance(Duration.ofMinutes(10));
        if (i < 47) {
          vault.sessions.require(opened.token());
        }
      }

      assertThatThrownBy(() -> vault.sessions.require(opened.token()))
          .isInstanceOf(PassKeyNotPresentedException.class)
          .hasMessage("Present your PassKey to unlock your keys");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void revokedPassKeyCannotUnlock(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", CODE);
      AssertedPassKey presented = vault.present(ann.passKeyFile());
      OpenedSession opened = vault.sessions.open(presented, CODE.toCharArray(), null);

      vault.passKeys.revoke(ann.user().userId(), ann.user().passkeyId(), null);

      assertThatThrownBy(() -> vault.sessions.require(opened.token()))
          .isInstanceOf(PassKeyNotPresentedException.class);
      assertThatThrownBy(() -> vault.sessions.open(presented, CODE.toCharArray(), null))
          .isInstanceOf(PassKeyUnusableException.class)
          .hasMessage("This PassKey was revoked; use another PassKey");
      assertThatThrownBy(() -> vault.present(ann.passKeyFile()))
          .isInstanceOf(PassKeyRevokedException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void endedOrUnknownSessionAsksForThePassKey(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", CODE);
      OpenedSession opened =
          vault.sessions.open(vault.present(ann.passKeyFile()), CODE.toCharArray(), null);

      vault.sessions.end(opened.token(), "192.0.2.7");

      assertThatThrownBy(() -> vault.sessions.require(opened.token()))
          .isInstanceOf(PassKeyNotPresentedException.class);
      assertThatThrownBy(() -> vault.sessions.require(SessionToken.of(new byte[32])))
          .isInstanceOf(PassKeyNotPresentedException.class);
      assertThatThrownBy(() -> vault.sessions.require(null))
          .isInstanceOf(PassKeyNotPresentedException.class);
      assertThat(vault.count("SELECT COUNT(*) FROM audit_events WHERE operation = 'LOCK'"))
          .isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void oneUsersSessionNamesOnlyThatUser(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", CODE);
      Member bob = vault.member("bob@example.org", "Bobs-code");
      OpenedSession annSession =
          vault.sessions.open(vault.present(ann.passKeyFile()), CODE.toCharArray(), null);
      OpenedSession bobSession =
          vault.sessions.open(vault.present(bob.passKeyFile()), "Bobs-code".toCharArray(), null);

      assertThat(vault.sessions.require(annSession.token()).userId())
          .isEqualTo(ann.user().userId());
      assertThat(vault.sessions.require(bobSession.token()).userId())
          .isEqualTo(bob.user().userId());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void changedPolicyAppliesToSessionsOpenedAfterIt(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      java.util.concurrent.atomic.AtomicReference<SessionPolicy> policy =
          new java.util.concurrent.atomic.AtomicReference<>(SessionPolicy.DEFAULT);
      UnlockSessions sessions =
          new UnlockSessions(
              vault.database,
              vault.accessCodes,
              vault.audit,
              vault.clock,
              vault.random,
              policy::get);
      Member ann = vault.member("ann@example.org", CODE);
      UnlockSession before =
          sessions.open(vault.present(ann.passKeyFile()), CODE.toCharArray(), null).session();

      policy.set(new SessionPolicy(Duration.ofMinutes(5), Duration.ofHours(1)));
      UnlockSession after =
          sessions.open(vault.present(ann.passKeyFile()), CODE.toCharArray(), null).session();

      assertThat(Duration.between(vault.clock.instant(), before.absoluteExpiry()))
          .isEqualTo(Duration.ofHours(8));
      assertThat(Duration.between(vault.clock.instant(), after.absoluteExpiry()))
          .isEqualTo(Duration.ofHours(1));
      assertThat(Duration.between(vault.clock.instant(), after.idleExpiry()))
          .isEqualTo(Duration.ofMinutes(5));
    }
  }
}
