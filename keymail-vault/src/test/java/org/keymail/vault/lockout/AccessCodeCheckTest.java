package org.keymail.vault.lockout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.vault.user.TestVault;

class AccessCodeCheckTest {

  private static final String RIGHT = "Secret-123";

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void lockedAfterThreeWrongCodesForFifteenMinutes(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID passkey = vault.member("ann@example.org", RIGHT).user().passkeyId();

      assertThatThrownBy(
              () -> vault.accessCodes.verify(passkey, "wrong-1".toCharArray(), "192.0.2.7"))
          .isInstanceOf(AccessCodeWrongException.class)
          .hasMessage("Wrong access code: 2 tries left before this PassKey locks for 15 minutes");
      assertThatThrownBy(
              () -> vault.accessCodes.verify(passkey, "wrong-2".toCharArray(), "192.0.2.7"))
          .isInstanceOf(AccessCodeWrongException.class)
          .hasMessage("Wrong access code: 1 try left before this PassKey locks for 15 minutes");
      Throwable third =
          catchThrowable(
              () -> vault.accessCodes.verify(passkey, "wrong-3".toCharArray(), "192.0.2.7"));
      assertThat(third)
          .isInstanceOf(AccessCodeLockedException.class)
          .hasMessage("PassKey locked until 14:32 after 3 wrong access codes");
      assertThat(((AccessCodeLockedException) third).lockedUntil())
          .isEqualTo(Instant.parse("2026-11-26T14:32:00Z"));

      vault.clock.advance(Duration.ofMinutes(14).plusSeconds(59));
      assertThatThrownBy(() -> vault.accessCodes.verify(passkey, RIGHT.toCharArray(), "192.0.2.7"))
          .isInstanceOf(AccessCodeLockedException.class)
          .hasMessage("PassKey locked until 14:32 after 3 wrong access codes");

      vault.clock.advance(Duration.ofSeconds(1));
      vault.accessCodes.verify(passkey, RIGHT.toCharArray(), "192.0.2.7");
      assertThat(vault.count("SELECT COUNT(*) FROM audit_events WHERE operation = 'LOCKOUT'"))
          .isEqualTo(1);
      assertThat(
              vault.count(
                  "SELECT COUNT(*) FROM audit_events WHERE operation = 'AUTHENTICATE' AND result ="
                      + " 'FAILURE'"))
          .isEqualTo(3);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void rightCodeResetsTheCount(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID passkey = vault.member("ann@example.org", RIGHT).user().passkeyId();

      for (int round = 0; round < 3; round++) {
        for (int wrong = 0; wrong < 2; wrong++) {
          assertThatThrownBy(() -> vault.accessCodes.verify(passkey, "wrong".toCharArray(), null))
              .isInstanceOf(AccessCodeWrongException.class);
        }
        vault.accessCodes.verify(passkey, RIGHT.toCharArray(), null);
      }

      assertThat(vault.count("SELECT COUNT(*) FROM audit_events WHERE operation = 'LOCKOUT'"))
          .isZero();
      assertThat(vault.count("SELECT MAX(failed_attempts) FROM passkeys")).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void accessCodesAreCaseSensitive(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID passkey = vault.member("ann@example.org", RIGHT).user().passkeyId();

      assertThatThrownBy(() -> vault.accessCodes.verify(passkey, "secret-123".toCharArray(), null))
          .isInstanceOf(AccessCodeWrongException.class);
      assertThatThrownBy(() -> vault.accessCodes.verify(passkey, "SECRET-123".toCharArray(), null))
          .isInstanceOf(AccessCodeWrongException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void eachPassKeyHasItsOwnLockout(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID ann = vault.member("ann@example.org", RIGHT).user().passkeyId();
      UUID bob = vault.member("bob@example.org", "Other-456").user().passkeyId();

      for (int i = 0; i < 3; i++) {
        assertThat(catchThrowable(() -> vault.accessCodes.verify(ann, "wrong".toCharArray(), null)))
            .isInstanceOfAny(AccessCodeWrongException.class, AccessCodeLockedException.class);
      }

      vault.accessCodes.verify(bob, "Other-456".toCharArray(), null);
      assertThatThrownBy(() -> vault.accessCodes.verify(ann, RIGHT.toCharArray(), null))
          .isInstanceOf(AccessCodeLockedException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void unknownPassKeyIsRefusedAndAudited(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      assertThatThrownBy(
              () -> vault.accessCodes.verify(UUID.randomUUID(), RIGHT.toCharArray(), null))
          .isInstanceOf(PassKeyUnusableException.class)
          .hasMessage("This PassKey is not registered with keymail");
      assertThat(vault.count("SELECT COUNT(*) FROM audit_events WHERE detail = 'unknown PassKey'"))
          .isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void codeArrayIsWipedAfterTheCheck(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID passkey = vault.member("ann@example.org", RIGHT).user().passkeyId();
      char[] code = RIGHT.toCharArray();

      vault.accessCodes.verify(passkey, code, null);

      assertThat(code).containsOnly('\0');
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void fiftyParallelWrongCodesCountAtMostThree(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID passkey = vault.member("ann@example.org", RIGHT).user().passkeyId();

      List<Throwable> outcomes = attack(List.of(vault.accessCodes), passkey, 50);

      assertOnlyThreeChecks(vault, outcomes);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void twoNodesShareOneLockout(String product) throws Exception {
    try (TestVault vault = TestVault.open(product);
        TestVault other = vault.secondNode()) {
      UUID passkey = vault.member("ann@example.org", RIGHT).user().passkeyId();

      List<Throwable> outcomes = attack(List.of(vault.accessCodes, other.accessCodes), passkey, 50);

      assertOnlyThreeChecks(vault, outcomes);
      assertThatThrownBy(() -> other.accessCodes.verify(passkey, RIGHT.toCharArray(), null))
          .isInstanceOf(AccessCodeLockedException.class);
    }
  }

  /** {@code attempts} wrong codes at once, spread round-robin over the given nodes. */
  private static List<Throwable> attack(List<AccessCodeCheck> nodes, UUID passkey, int attempts)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(attempts);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Throwable>> futures = new ArrayList<>();
      for (int i = 0; i < attempts; i++) {
        AccessCodeCheck node = nodes.get(i % nodes.size());
        Callable<Throwable> attempt =
            () -> {
              start.await();
              return catchThrowable(
                  () ->
                      node.verify(
                          passkey,
                          ("wrong-" + Thread.currentThread().getId()).toCharArray(),
                          "198.51.100.9"));
            };
        futures.add(pool.submit(attempt));
      }
      start.countDown();
      List<Throwable> outcomes = new ArrayList<>();
      for (Future<Throwable> f : futures) {
        outcomes.add(f.get());
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertOnlyThreeChecks(TestVault vault, List<Throwable> outcomes)
      throws Exception {
    assertThat(outcomes)
        .hasSize(50)
        .allSatisfy(
            t ->
                assertThat(t)
                    .isInstanceOfAny(
                        AccessCodeWrongException.class, AccessCodeLockedException.class));
    assertThat(outcomes).filteredOn(AccessCodeWrongException.class::isInstance).hasSize(2);
    assertThat(outcomes).filteredOn(AccessCodeLockedException.class::isInstance).hasSize(48);
    // Codes actually compared: the audit log has one FAILURE per check.
    assertThat(
            vault.count(
                "SELECT COUNT(*) FROM audit_events WHERE operation = 'AUTHENTICATE' AND result ="
                    + " 'FAILURE'"))
        .isEqualTo(3);
    assertThat(
            vault.count(
                "SELECT COUNT(*) FROM audit_events WHERE operation = 'AUTHENTICATE' AND result ="
                    + " 'DENIED'"))
        .isEqualTo(47);
    assertThat(vault.count("SELECT COUNT(*) FROM audit_events WHERE operation = 'LOCKOUT'"))
        .isEqualTo(1);
    assertThat(vault.count("SELECT MAX(failed_attempts) FROM passkeys")).isEqualTo(3);
    assertThat(vault.audit.verify()).isEmpty();
  }
}
