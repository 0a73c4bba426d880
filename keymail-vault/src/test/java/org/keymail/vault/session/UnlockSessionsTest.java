package org.keymail.vault.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.vault.lockout.PassKeyUnusableException;
import org.keymail.vault.passkey.AssertedPassKey;
import org.keymail.vault.passkey.PassKeyRevokedException;
import org.keymail.vault.user.TestVault;
import org.keymail.vault.user.TestVault.Member;

class UnlockSessionsTest {

  private static final String CODE = "Secret-123";

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void useMovesTheIdleExpiryOnAndIdleSessionAsksForTheAccessCode(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", CODE);
      OpenedSession opened =
          vault.issuer.open(vault.present(ann.passKeyFile()), CODE.toCharArray(), null);

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
          vault.issuer.open(vault.present(ann.passKeyFile()), CODE.toCharArray(), null);

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
      OpenedSession opened = vault.issuer.open(presented, CODE.toCharArray(), null);

      vault.passKeys.revoke(ann.user().userId(), ann.user().passkeyId(), null);

      assertThatThrownBy(() -> vault.sessions.require(opened.token()))
          .isInstanceOf(PassKeyNotPresentedException.class);
      assertThatThrownBy(() -> vault.issuer.open(presented, CODE.toCharArray(), null))
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
          vault.issuer.open(vault.present(ann.passKeyFile()), CODE.toCharArray(), null);

      vault.issuer.end(opened.token(), "192.0.2.7");

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
  void aSessionEndedOnAnotherNodeIsForgottenHereWithinASweep(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", CODE);
      OpenedSession opened =
          vault.issuer.open(vault.present(ann.passKeyFile()), CODE.toCharArray(), null);
      UnlockSessions otherNode =
          new UnlockSessions(vault.database, vault.clock, SessionPolicy.DEFAULT);
      java.util.List<SessionId> forgotten = new java.util.concurrent.CopyOnWriteArrayList<>();
      otherNode.whenForgotten(forgotten::add);
      otherNode.requireForKeyUse(opened.token());

      otherNode.forgetClosed();
      assertThat(forgotten).isEmpty();
      vault.issuer.end(opened.token(), "192.0.2.7");
      otherNode.forgetClosed();

      assertThat(forgotten).containsExactly(SessionId.of(opened.token()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void oneUsersSessionNamesOnlyThatUser(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", CODE);
      Member bob = vault.member("bob@example.org", "Bobs-code");
      OpenedSession annSession =
          vault.issuer.open(vault.present(ann.passKeyFile()), CODE.toCharArray(), null);
      OpenedSession bobSession =
          vault.issuer.open(vault.present(bob.passKeyFile()), "Bobs-code".toCharArray(), null);

      assertThat(vault.sessions.require(annSession.token()).userId())
          .isEqualTo(ann.user().userId());
      assertThat(vault.sessions.require(bobSession.token()).userId())
          .isEqualTo(bob.user().userId());
    }
  }
}
