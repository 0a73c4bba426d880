package org.keymail.vault.lockout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.authenticator.SoftwarePassKey;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.Administrator;
import org.keymail.vault.passkey.CeremonyStart;
import org.keymail.vault.passkey.PassKeyNotFoundException;
import org.keymail.vault.passkey.RegisteredPassKey;
import org.keymail.vault.user.TestVault;

/**
 * An administrator clears a PassKey's lockout: the lock and the count of wrong codes go, the right
 * code works at once, and the audit log names who cleared what; one PassKey is named by its id or
 * its name, never ambiguously.
 */
class LockoutsTest {

  private static final String RIGHT = "Secret-123";
  private static final Administrator ADMIN =
      new Administrator(
          UUID.fromString("00000000-0000-0000-0000-0000000000ad"),
          UUID.fromString("00000000-0000-0000-0000-0000000000af"),
          "192.0.2.9");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void administratorClearsALockAndTheRightCodeWorksAtOnce(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      TestVault.Member ann = vault.member("ann@example.org", RIGHT);
      UUID passkey = ann.user().passkeyId();
      wrong(vault, passkey, 3);
      assertThat(vault.lockouts.of(ann.user().userId()))
          .containsExactly(
              new PassKeyLockout(
                  passkey, "laptop", 3, Optional.of(Instant.parse("2026-11-26T14:32:00Z"))));
      assertThat(vault.lockouts.of(ann.user().userId()).get(0).lockedAt(vault.clock.instant()))
          .isTrue();

      assertThat(vault.lockouts.clear(ann.user().userId(), Optional.empty(), ADMIN))
          .extracting(PassKeyLockout::passkeyId, PassKeyLockout::wrongCodes)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(passkey, 3));

      vault.accessCodes.verify(passkey, RIGHT.toCharArray(), null);
      assertThat(vault.lockouts.of(ann.user().userId()))
          .containsExactly(new PassKeyLockout(passkey, "laptop", 0, Optional.empty()));
      assertThat(clearEvents(vault))
          .isEqualTo(
              ADMIN.userId()
                  + " "
                  + ADMIN.passkeyId()
                  + " ann@example.org 192.0.2.9 SUCCESS user="
                  + ann.user().userId()
                  + " PassKey "
                  + passkey
                  + " (laptop) was locked until 2026-11-26T14:32:00Z after 3 wrong access codes\n");
      // Nothing left to clear: no change, no event.
      assertThat(vault.lockouts.clear(ann.user().userId(), Optional.empty(), ADMIN)).isEmpty();
      assertThat(vault.count("SELECT COUNT(*) FROM audit_events WHERE operation = 'LOCKOUT_CLEAR'"))
          .isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void onePassKeyIsNamedByItsIdOrItsOwnName(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      TestVault.Member ann = vault.member("ann@example.org", RIGHT);
      UUID userId = ann.user().userId();
      UUID laptop = ann.user().passkeyId();
      vault.clock.advance(java.time.Duration.ofSeconds(1));
      CeremonyStart start = vault.registration.startRegistration(userId);
      RegisteredPassKey spare =
          vault.registration.finishRegistration(
              start.requestId(),
              SoftwarePassKey.create(
                  vault.folder().resolve("spare"),
                  start.optionsJson(),
                  TestVault.ORIGIN,
                  vault.random),
              "spare",
              "Spare-999".toCharArray());
      wrong(vault, laptop, 1);
      wrong(vault, spare.passkeyId(), 2);

      assertThat(vault.lockouts.clear(userId, Optional.of("spare"), ADMIN))
          .extracting(PassKeyLockout::passkeyId)
          .containsExactly(spare.passkeyId());
      assertThat(vault.lockouts.of(userId))
          .extracting(PassKeyLockout::wrongCodes)
          .containsExactly(1, 0);
      assertThatThrownBy(() -> vault.lockouts.clear(userId, Optional.of("desk"), ADMIN))
          .isInstanceOf(PassKeyNotFoundException.class)
          .hasMessage("ann@example.org has no PassKey in use with the id or name \"desk\"");
      vault.passKeys.rename(userId, spare.passkeyId(), "laptop");
      assertThatThrownBy(() -> vault.lockouts.clear(userId, Optional.of("laptop"), ADMIN))
          .isInstanceOf(PassKeyChoiceException.class)
          .hasMessage(
              "ann@example.org has 2 PassKeys named \"laptop\"; name one by its id ('keymail admin"
                  + " user show ann@example.org' lists them)");
      assertThat(vault.lockouts.clear(userId, Optional.of(laptop.toString()), ADMIN))
          .extracting(PassKeyLockout::passkeyId)
          .containsExactly(laptop);
      assertThat(clearEvents(vault))
          .contains(" (spare) 2 wrong access codes forgotten\n")
          .contains(" (laptop) 1 wrong access code forgotten\n");
    }
  }

  private static void wrong(TestVault vault, UUID passkey, int times) {
    for (int i = 0; i < times; i++) {
      try {
        vault.accessCodes.verify(passkey, "wrong".toCharArray(), null);
      } catch (VaultException expected) {
        // wrong, or locked by the third
      }
    }
  }

  private static String clearEvents(TestVault vault) throws Exception {
    return vault.database.inTransaction(
        c -> {
          StringBuilder rows = new StringBuilder();
          try (var s =
                  c.prepareStatement(
                      "SELECT user_id, passkey_id, object, client_address, result, detail"
                          + " FROM audit_events WHERE operation = 'LOCKOUT_CLEAR' ORDER BY seq");
              var r = s.executeQuery()) {
            while (r.next()) {
              rows.append(r.getObject(1))
                  .append(' ')
                  .append(r.getObject(2))
                  .append(' ')
                  .append(r.getString(3))
                  .append(' ')
                  .append(r.getString(4))
                  .append(' ')
                  .append(r.getString(5))
                  .append(' ')
                  .append(r.getString(6))
                  .append('\n');
            }
          }
          return rows.toString();
        });
  }
}
