package org.keymail.vault.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.authenticator.SoftwarePassKey;
import org.keymail.vault.accesscode.AccessCodeTooShortException;
import org.keymail.vault.passkey.CeremonyStart;

class UsersTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void invitedUserGetsAOneTimeCodeStoredOnlyAsAHash(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Invitation invitation = vault.users.invite("Ann@Example.org", "Ann Lee", Role.USER);

      assertThat(invitation.code().reveal()).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){4}");
      assertThat(invitation.code().toString()).isEqualTo("ActivationCode[redacted]");
      assertThat(invitation.expiresAt()).isEqualTo(vault.clock.instant().plus(Duration.ofDays(7)));
      assertThat(
              vault.users.activation(
                  ActivationCode.parse(invitation.code().reveal().toLowerCase())))
          .isEqualTo(
              new User(
                  invitation.userId(),
                  "ann@example.org",
                  "Ann Lee",
                  Role.USER,
                  UserStatus.INVITED));
      assertThat(vault.count("SELECT COUNT(*) FROM activation_codes WHERE LENGTH(code_hash) = 32"))
          .isEqualTo(1);
      assertThat(vault.count("SELECT COUNT(*) FROM audit_events WHERE operation = 'INVITE'"))
          .isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void activationRegistersThePassKeyAndUsesUpTheCode(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Invitation invitation = vault.users.invite("ann@example.org", "Ann Lee", Role.USER);
      CeremonyStart start = vault.users.startActivation(invitation.code());
      String response =
          SoftwarePassKey.create(
              vault.folder().resolve("ann"), start.optionsJson(), TestVault.ORIGIN, vault.random);

      ActivatedUser activated =
          vault.users.activate(
              invitation.code(), start.requestId(), response, "laptop", "Secret-123".toCharArray());

      assertThat(vault.users.user(activated.userId()))
          .get()
          .extracting(User::status)
          .isEqualTo(UserStatus.ACTIVE);
      assertThat(vault.passKeys.list(activated.userId())).hasSize(1);
      assertThatThrownBy(() -> vault.users.activation(invitation.code()))
          .isInstanceOf(ActivationCodeException.class)
          .hasMessage(
              "This activation code was used already; ask your administrator for a new one");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void failedActivationChangesNothing(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Invitation invitation = vault.users.invite("ann@example.org", "Ann Lee", Role.USER);
      CeremonyStart start = vault.users.startActivation(invitation.code());
      String response =
          SoftwarePassKey.create(
              vault.folder().resolve("ann"), start.optionsJson(), TestVault.ORIGIN, vault.random);

      assertThatThrownBy(
              () ->
                  vault.users.activate(
                      invitation.code(),
                      start.requestId(),
                      response,
                      "laptop",
                      "12345".toCharArray()))
          .isInstanceOf(AccessCodeTooShortException.class);

      assertThat(vault.users.user(invitation.userId()))
          .get()
          .extracting(User::status)
          .isEqualTo(UserStatus.INVITED);
      assertThat(vault.count("SELECT COUNT(*) FROM passkeys")).isZero();
      assertThat(vault.users.activation(invitation.code()).id()).isEqualTo(invitation.userId());
      vault.users.activate(
          invitation.code(), start.requestId(), response, "laptop", "123456".toCharArray());
      assertThat(vault.count("SELECT COUNT(*) FROM passkeys")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void activationCodeExpiresAfterSevenDays(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Invitation invitation = vault.users.invite("ann@example.org", "Ann Lee", Role.USER);

      vault.clock.advance(Duration.ofDays(7));

      assertThatThrownBy(() -> vault.users.activation(invitation.code()))
          .isInstanceOf(ActivationCodeException.class)
          .hasMessage("This activation code has expired; ask your administrator for a new one");
      assertThatThrownBy(
              () -> vault.users.activation(ActivationCode.parse("0000-0000-0000-0000-0000")))
          .isInstanceOf(ActivationCodeException.class)
          .hasMessage("This activation code is not known; check it or ask for a new one");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void firstAdministratorOnlyUntilOneHasActivated(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Invitation admin = vault.users.bootstrapAdmin("root@example.org");

      assertThat(vault.users.activation(admin.code()).role()).isEqualTo(Role.ADMIN);
      activate(vault, admin, "root");
      assertThatThrownBy(() -> vault.users.bootstrapAdmin("other@example.org"))
          .isInstanceOf(AdministratorExistsException.class)
          .hasMessage(
              "keymail has an administrator already (root@example.org); ask them to invite you")
          .extracting(e -> ((AdministratorExistsException) e).administrator())
          .isEqualTo("root@example.org");
      assertThat(vault.users.firstAdministratorCode("admin@keymail.localhost")).isEmpty();
      assertThat(
              vault.count("SELECT COUNT(*) FROM audit_events WHERE operation = 'BOOTSTRAP_ADMIN'"))
          .isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void eachNewCodeOfAWaitingFirstAdministratorWithdrawsTheEarlierOne(String product)
      throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Invitation first =
          vault.users.firstAdministratorCode("admin@keymail.localhost").orElseThrow();

      Invitation second = vault.users.firstAdministratorCode("someone@example.org").orElseThrow();

      assertThat(second.userId()).isEqualTo(first.userId());
      assertThat(second.code().reveal()).isNotEqualTo(first.code().reveal());
      assertThatThrownBy(() -> vault.users.activation(first.code()))
          .isInstanceOf(ActivationCodeException.class)
          .hasMessage("This activation code is not known; check it or ask for a new one");
      assertThat(vault.users.activation(second.code()).email())
          .as("a start that names no address keeps the waiting administrator's")
          .isEqualTo("admin@keymail.localhost");
      assertThat(vault.count("SELECT COUNT(*) FROM activation_codes")).isEqualTo(1);
      assertThat(
              vault.count(
                  "SELECT COUNT(*) FROM audit_events WHERE operation = 'BOOTSTRAP_ADMIN_CODE'"))
          .isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void namingAnotherAddressBeforeActivationMovesTheWaitingFirstAdministrator(String product)
      throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Invitation first =
          vault.users.firstAdministratorCode("admin@keymail.localhost").orElseThrow();

      Invitation named = vault.users.bootstrapAdmin("Alice@Example.org");

      assertThat(vault.users.activation(named.code()))
          .isEqualTo(
              new User(
                  first.userId(),
                  "alice@example.org",
                  "alice@example.org",
                  Role.ADMIN,
                  UserStatus.INVITED));
      assertThatThrownBy(() -> vault.users.activation(first.code()))
          .isInstanceOf(ActivationCodeException.class);
      activate(vault, named, "alice");
      assertThatThrownBy(() -> vault.users.bootstrapAdmin("alice@example.org"))
          .isInstanceOf(AdministratorExistsException.class)
          .hasMessageContaining("(alice@example.org)");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aFirstAdministratorAddressTheAddressTypeRefusesIsNamed(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      assertThatThrownBy(() -> vault.users.bootstrapAdmin("admin@localhost"))
          .isInstanceOf(EmailAddressException.class)
          .hasMessageContaining("localhost");
      vault.users.firstAdministratorCode("admin@keymail.localhost");
      assertThatThrownBy(() -> vault.users.bootstrapAdmin("admin@localhost"))
          .isInstanceOf(EmailAddressException.class);
    }
  }

  /** Registers a software PassKey with {@code invitation}'s code: the user is then ACTIVE. */
  private static void activate(TestVault vault, Invitation invitation, String name)
      throws Exception {
    CeremonyStart start = vault.users.startActivation(invitation.code());
    String response =
        SoftwarePassKey.create(
            vault.folder().resolve(name), start.optionsJson(), TestVault.ORIGIN, vault.random);
    vault.users.activate(
        invitation.code(), start.requestId(), response, "laptop", "Secret-123".toCharArray());
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void secondInvitationOfOneAddressIsRefused(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      vault.users.invite("ann@example.org", "Ann Lee", Role.USER);

      assertThatThrownBy(() -> vault.users.invite("ANN@example.org", "Ann again", Role.ADMIN))
          .isInstanceOf(UserExistsException.class)
          .hasMessage("There is already a keymail user ann@example.org");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void userMayKeepASparePassKeyWithItsOwnAccessCode(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      TestVault.Member ann = vault.member("ann@example.org", "Secret-123");
      CeremonyStart start = vault.registration.startRegistration(ann.user().userId());
      String response =
          SoftwarePassKey.create(
              vault.folder().resolve("spare"), start.optionsJson(), TestVault.ORIGIN, vault.random);

      var spare =
          vault.registration.finishRegistration(
              start.requestId(), response, "spare", "Spare-999".toCharArray());

      assertThat(vault.passKeys.list(ann.user().userId())).hasSize(2);
      vault.accessCodes.verify(spare.passkeyId(), "Spare-999".toCharArray(), null);
      vault.accessCodes.verify(ann.user().passkeyId(), "Secret-123".toCharArray(), null);
      assertThat(vault.present(vault.folder().resolve("spare")).passkeyId())
          .isEqualTo(spare.passkeyId());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void inviteAuditNamesTheAdministratorTheirPassKeyAndClientAddress(String product)
      throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      java.util.UUID admin = java.util.UUID.randomUUID();
      java.util.UUID passKey = java.util.UUID.randomUUID();

      Invitation invitation =
          vault.users.invite(
              Inviter.administrator(admin, passKey, "192.0.2.7"),
              "ann@example.org",
              "Ann Lee",
              Role.USER);

      assertThat(auditRow(vault, "INVITE"))
          .isEqualTo(
              admin
                  + " "
                  + passKey
                  + " ann@example.org 192.0.2.7 SUCCESS role=USER user="
                  + invitation.userId()
                  + " by=administrator");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void bootstrapAuditNamesBootstrapAsTheActor(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Invitation invitation = vault.users.bootstrapAdmin("root@example.org");

      assertThat(auditRow(vault, "BOOTSTRAP_ADMIN"))
          .isEqualTo(
              "null null root@example.org null SUCCESS role=ADMIN user="
                  + invitation.userId()
                  + " by=bootstrap");
    }
  }

  private static String auditRow(TestVault vault, String operation) throws Exception {
    return vault.database.inTransaction(
        c -> {
          try (var s =
              c.prepareStatement(
                  "SELECT user_id, passkey_id, object, client_address, result, detail"
                      + " FROM audit_events WHERE operation = ?")) {
            s.setString(1, operation);
            try (var r = s.executeQuery()) {
              assertThat(r.next()).as("an %s event", operation).isTrue();
              String row =
                  r.getObject(1)
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
              assertThat(r.next()).as("only one %s event", operation).isFalse();
              return row;
            }
          }
        });
  }
}
