package org.keymail.vault.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.authenticator.SoftwarePassKey;
import org.keymail.vault.audit.Administrator;
import org.keymail.vault.lockout.AccessCodeWrongException;
import org.keymail.vault.passkey.CeremonyStart;
import org.keymail.vault.session.OpenedSession;
import org.keymail.vault.session.UserDisabledException;

/**
 * Administrators list and find users, and disable and enable them: a disabled user cannot sign in
 * (their access code is not even looked at), their open sessions end at once, an invited one cannot
 * activate; each change is audited with the administrator, their PassKey and address.
 */
class UserAdministrationTest {

  private static final String CODE = "Secret-123";
  private static final Administrator ADMIN =
      new Administrator(
          UUID.fromString("00000000-0000-0000-0000-0000000000ad"),
          UUID.fromString("00000000-0000-0000-0000-0000000000af"),
          "192.0.2.9");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void listShowsEveryUserWithTheirPassKeysInUseAndAnyLockout(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      TestVault.Member carol = vault.member("carol@example.org", CODE);
      vault.users.invite("bob@example.org", "Bob Builder", Role.ADMIN);
      TestVault.Member ann = vault.member("ann@example.org", CODE);
      for (int i = 0; i < 3; i++) {
        try {
          vault.accessCodes.verify(carol.user().passkeyId(), "wrong".toCharArray(), null);
        } catch (org.keymail.vault.VaultException expected) {
          // wrong, wrong, locked
        }
      }

      assertThat(vault.users.list())
          .extracting(
              s -> s.user().email(),
              s -> s.user().role(),
              s -> s.user().status(),
              UserSummary::passKeys,
              UserSummary::lockedUntil)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "ann@example.org", Role.USER, UserStatus.ACTIVE, 1, Optional.empty()),
              org.assertj.core.groups.Tuple.tuple(
                  "bob@example.org", Role.ADMIN, UserStatus.INVITED, 0, Optional.empty()),
              org.assertj.core.groups.Tuple.tuple(
                  "carol@example.org",
                  Role.USER,
                  UserStatus.ACTIVE,
                  1,
                  Optional.of(Instant.parse("2026-11-26T14:32:00Z"))));
      assertThat(vault.users.list().get(1).user().displayName()).isEqualTo("Bob Builder");
      vault.clock.advance(Duration.ofMinutes(15));
      assertThat(vault.users.summary(carol.user().userId()).orElseThrow().lockedUntil()).isEmpty();

      assertThat(vault.users.find("ANN@Example.org").map(User::id)).contains(ann.user().userId());
      assertThat(vault.users.find(" " + ann.user().userId() + " ").map(User::email))
          .contains("ann@example.org");
      assertThat(vault.users.find("nobody@example.org")).isEmpty();
      assertThat(vault.users.find("not an address")).isEmpty();
      assertThat(vault.users.find(UUID.randomUUID().toString())).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void disabledUserCannotSignInTheirSessionsEndAndEnablingLetsThemBackIn(String product)
      throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      TestVault.Member ann = vault.member("ann@example.org", CODE);
      OpenedSession open =
          vault.issuer.open(vault.present(ann.passKeyFile()), CODE.toCharArray(), null);
      vault.issuer.open(vault.present(ann.passKeyFile()), CODE.toCharArray(), null);
      UUID id = ann.user().userId();

      UserStatusChange disabled = vault.users.disable(id, ADMIN);

      assertThat(disabled.previous()).isEqualTo(UserStatus.ACTIVE);
      assertThat(disabled.user().status()).isEqualTo(UserStatus.DISABLED);
      assertThat(disabled.sessionsEnded()).isEqualTo(2);
      assertThatThrownBy(() -> vault.sessions.require(open.token()))
          .isInstanceOf(UserDisabledException.class)
          .hasMessage(
              "The keymail user ann@example.org is disabled; an administrator must enable it"
                  + " before it can sign in again");
      assertThatThrownBy(
              () -> vault.issuer.open(vault.present(ann.passKeyFile()), CODE.toCharArray(), null))
          .isInstanceOf(UserDisabledException.class);
      // A wrong code is not looked at: it neither counts nor says it was wrong.
      assertThatThrownBy(
              () ->
                  vault.issuer.open(vault.present(ann.passKeyFile()), "wrong".toCharArray(), null))
          .isInstanceOf(UserDisabledException.class);
      assertThat(vault.count("SELECT COUNT(*) FROM passkeys WHERE failed_attempts > 0")).isZero();
      assertThat(
              vault.count(
                  "SELECT COUNT(*) FROM audit_events WHERE operation = 'AUTHENTICATE'"
                      + " AND result = 'DENIED' AND detail = 'user disabled'"))
          .isEqualTo(2);
      assertThat(auditRow(vault, "USER_DISABLE"))
          .isEqualTo(
              ADMIN.userId()
                  + " "
                  + ADMIN.passkeyId()
                  + " ann@example.org 192.0.2.9 SUCCESS user="
                  + id
                  + " was ACTIVE; 2 open sessions ended");

      UserStatusChange enabled = vault.users.enable(id, ADMIN);

      assertThat(enabled.user().status()).isEqualTo(UserStatus.ACTIVE);
      assertThat(enabled.previous()).isEqualTo(UserStatus.DISABLED);
      OpenedSession again =
          vault.issuer.open(vault.present(ann.passKeyFile()), CODE.toCharArray(), null);
      assertThat(vault.sessions.require(again.token()).userId()).isEqualTo(id);
      assertThatThrownBy(
              () ->
                  vault.issuer.open(vault.present(ann.passKeyFile()), "wrong".toCharArray(), null))
          .isInstanceOf(AccessCodeWrongException.class);
      assertThat(auditRow(vault, "USER_ENABLE"))
          .isEqualTo(
              ADMIN.userId()
                  + " "
                  + ADMIN.passkeyId()
                  + " ann@example.org 192.0.2.9 SUCCESS user="
                  + id
                  + " is ACTIVE");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void refusesDisablingYourselfOrTwiceAndEnablingWhoIsNotDisabled(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      TestVault.Member ann = vault.member("ann@example.org", CODE);
      UUID id = ann.user().userId();
      Administrator annHerself = new Administrator(id, ann.user().passkeyId(), null);

      assertThatThrownBy(() -> vault.users.disable(id, annHerself))
          .isInstanceOf(UserStatusException.class)
          .hasMessage("An administrator cannot disable themselves; another administrator can");
      assertThatThrownBy(() -> vault.users.enable(id, ADMIN))
          .isInstanceOf(UserStatusException.class)
          .hasMessage("ann@example.org is not disabled (active)");
      vault.users.disable(id, ADMIN);
      assertThatThrownBy(() -> vault.users.disable(id, ADMIN))
          .isInstanceOf(UserStatusException.class)
          .hasMessage("ann@example.org is disabled already");
      assertThatThrownBy(() -> vault.users.disable(UUID.randomUUID(), ADMIN))
          .isInstanceOf(UnknownUserException.class);
      assertThat(vault.count("SELECT COUNT(*) FROM audit_events WHERE operation LIKE 'USER_%'"))
          .isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void disabledInvitedUserCannotActivateUntilEnabled(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Invitation invitation = vault.users.invite("dan@example.org", "Dan", Role.USER);

      vault.users.disable(invitation.userId(), ADMIN);

      assertThatThrownBy(() -> vault.users.startActivation(invitation.code()))
          .isInstanceOf(ActivationCodeException.class)
          .hasMessage("This activation code belongs to a disabled user; ask your administrator");
      UserStatusChange enabled = vault.users.enable(invitation.userId(), ADMIN);
      assertThat(enabled.user().status()).isEqualTo(UserStatus.INVITED);
      CeremonyStart start = vault.users.startActivation(invitation.code());
      String response =
          SoftwarePassKey.create(
              vault.folder().resolve("dan"), start.optionsJson(), TestVault.ORIGIN, vault.random);
      vault.users.activate(
          invitation.code(), start.requestId(), response, "laptop", CODE.toCharArray());
      assertThat(vault.users.user(invitation.userId()).orElseThrow().status())
          .isEqualTo(UserStatus.ACTIVE);
    }
  }

  private static String auditRow(TestVault vault, String operation) throws Exception {
    return vault.database.inTransaction(
        c -> {
          try (var s =
              c.prepareStatement(
                  "SELECT user_id, passkey_id, object, client_address, result, detail"
                      + " FROM audit_events WHERE operation = ? ORDER BY seq DESC")) {
            s.setString(1, operation);
            try (var r = s.executeQuery()) {
              assertThat(r.next()).as("an %s event", operation).isTrue();
              return r.getObject(1)
                  + " "
                  + r.getObject(2)
                  + " "
                  + r.getString(3)
                  + " "
                  + r.getString(4)
                  + " "
                  + r.getString(5)
                  + " "
                  + r.getString(6);
            }
          }
        });
  }
}
