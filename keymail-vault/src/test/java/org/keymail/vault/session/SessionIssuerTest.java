package org.keymail.vault.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.vault.lockout.AccessCodeWrongException;
import org.keymail.vault.passkey.AssertedPassKey;
import org.keymail.vault.user.TestVault;
import org.keymail.vault.user.TestVault.Member;

/**
 * A PassKey presented with its right access code opens an unlock session, stored only as a hash,
 * with the lengths the policy gives at that moment; a wrong code opens none.
 */
class SessionIssuerTest {

  private static final String CODE = "Secret-123";

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void passKeyAndRightCodeOpenASessionStoredOnlyAsAHash(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", CODE);
      AssertedPassKey presented = vault.present(ann.passKeyFile());

      OpenedSession opened = vault.issuer.open(presented, CODE.toCharArray(), "192.0.2.7");
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

      assertThatThrownBy(() -> vault.issuer.open(presented, "Secret-124".toCharArray(), null))
          .isInstanceOf(AccessCodeWrongException.class);
      assertThat(vault.count("SELECT COUNT(*) FROM unlock_sessions")).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void changedPolicyAppliesToSessionsOpenedAfterIt(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      java.util.concurrent.atomic.AtomicReference<SessionPolicy> policy =
          new java.util.concurrent.atomic.AtomicReference<>(SessionPolicy.DEFAULT);
      SessionIssuer issuer =
          new SessionIssuer(
              vault.database,
              vault.accessCodes,
              vault.audit,
              vault.clock,
              vault.random,
              new UnlockSessions(vault.database, vault.clock, policy::get));
      Member ann = vault.member("ann@example.org", CODE);
      UnlockSession before =
          issuer.open(vault.present(ann.passKeyFile()), CODE.toCharArray(), null).session();

      policy.set(new SessionPolicy(Duration.ofMinutes(5), Duration.ofHours(1)));
      UnlockSession after =
          issuer.open(vault.present(ann.passKeyFile()), CODE.toCharArray(), null).session();

      assertThat(Duration.between(vault.clock.instant(), before.absoluteExpiry()))
          .isEqualTo(Duration.ofHours(8));
      assertThat(Duration.between(vault.clock.instant(), after.absoluteExpiry()))
          .isEqualTo(Duration.ofHours(1));
      assertThat(Duration.between(vault.clock.instant(), after.idleExpiry()))
          .isEqualTo(Duration.ofMinutes(5));
    }
  }
}
