package org.keymail.vault.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.testing.MovableClock;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.session.SessionPolicy;
import org.keymail.vault.store.TestDatabases;
import org.keymail.vault.store.VaultDatabase;

class PoliciesTest {

  private final MovableClock clock = MovableClock.at("2026-11-26T14:17:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void unsetPoliciesHaveTheirDefaults(String product) throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      Policies policies = new Policies(database, new AuditLog(database, clock), clock);

      assertThat(policies.list())
          .containsExactly(
              new PolicyValue(Policy.SESSION_IDLE_MINUTES, 15, Optional.empty()),
              new PolicyValue(Policy.SESSION_ABSOLUTE_HOURS, 8, Optional.empty()),
              new PolicyValue(Policy.SIGNING_CERTIFICATE_CHOICE, 1, Optional.empty()),
              new PolicyValue(Policy.SIGNING_PASSKEY_CERTIFICATES_ONLY, 0, Optional.empty()),
              new PolicyValue(Policy.SIGNIN_WEBMAIL, 0, Optional.empty()),
              new PolicyValue(Policy.SIGNIN_ADMIN_CONSOLE, 0, Optional.empty()),
              new PolicyValue(Policy.MAIL_SIGN, 0, Optional.empty()),
              new PolicyValue(Policy.MAIL_ENCRYPT, 0, Optional.empty()),
              new PolicyValue(Policy.MAIL_ENCRYPTION_ALGORITHMS, 3, Optional.empty()));
      assertThat(policies.mailRule(Policy.MAIL_SIGN)).isEqualTo(MailRule.USER_CHOICE);
      assertThat(policies.members(Policy.MAIL_ENCRYPTION_ALGORITHMS))
          .containsExactly("aes-256-gcm", "aes-256-cbc");
      assertThat(policies.sessionPolicy()).isEqualTo(SessionPolicy.DEFAULT);
      assertThat(policies.isOn(Policy.SIGNING_CERTIFICATE_CHOICE)).isTrue();
      assertThat(policies.isOn(Policy.SIGNING_PASSKEY_CERTIFICATES_ONLY)).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aChangeIsStoredAndAuditedWithWhoTheOldAndTheNewValue(String product) throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      Policies policies = new Policies(database, new AuditLog(database, clock), clock);
      PolicyChanger admin = admin(database);

      PolicyValue idle = policies.set("session.idle-minutes", " 5 ", admin);
      policies.set("session.absolute-hours", "12", admin);
      clock.advance(Duration.ofMinutes(1));
      policies.set("session.idle-minutes", "30", admin);

      assertThat(idle)
          .isEqualTo(
              new PolicyValue(
                  Policy.SESSION_IDLE_MINUTES,
                  5,
                  Optional.of(clock.instant().minus(Duration.ofMinutes(1)))));
      assertThat(policies.get(Policy.SESSION_IDLE_MINUTES)).isEqualTo(30);
      assertThat(policies.sessionPolicy())
          .isEqualTo(new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(12)));
      assertThat(policies.list().get(0).updatedAt()).contains(clock.instant());
      assertThat(events(database))
          .containsExactly(
              admin.userId() + " " + admin.passkeyId() + " session.idle-minutes 192.0.2.9 15 -> 5",
              admin.userId()
                  + " "
                  + admin.passkeyId()
                  + " session.absolute-hours 192.0.2.9 8 -> 12",
              admin.userId() + " " + admin.passkeyId() + " session.idle-minutes 192.0.2.9 5 -> 30");
      assertThat(new AuditLog(database, clock).verify()).isEmpty();
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "POSTGRESQL|session.idle-minutes|soon|session.idle-minutes is a whole number of minutes, not 'soon'",
        "H2|session.idle-minutes|0|session.idle-minutes is between 1 and 1440 minutes, not 0",
        "H2|session.absolute-hours|169|session.absolute-hours is between 1 and 168 hours, not 169",
        "POSTGRESQL|session.idle-minutes|600|the idle time of a session (600 minutes) cannot be longer than its absolute length (8 hours)",
        "H2|session.absolute-hours|0|session.absolute-hours is between 1 and 168 hours, not 0"
      })
  void aValueOutsideTheRulesIsRefusedAndChangesNothing(
      String product, String name, String value, String message) throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      Policies policies = new Policies(database, new AuditLog(database, clock), clock);

      assertThatThrownBy(() -> policies.set(name, value, admin(database)))
          .isInstanceOf(PolicyValueException.class)
          .hasMessage(message);
      assertThat(policies.sessionPolicy()).isEqualTo(SessionPolicy.DEFAULT);
      assertThat(events(database)).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void anUnknownPolicyIsNamedWithTheKnownOnes(String product) throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      Policies policies = new Policies(database, new AuditLog(database, clock), clock);

      assertThatThrownBy(() -> policies.set("session.length", "5", admin(database)))
          .isInstanceOf(UnknownPolicyException.class)
          .hasMessage(
              "keymail has no policy 'session.length'; the policies are session.idle-minutes,"
                  + " session.absolute-hours, signing.certificate-choice,"
                  + " signing.passkey-certificates-only, signin.webmail, signin.admin-console,"
                  + " mail.sign, mail.encrypt, mail.encryption-algorithms");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aSignInPolicyIsOneOfItsChoicesStoredAsItsPosition(String product) throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      Policies policies = new Policies(database, new AuditLog(database, clock), clock);
      PolicyChanger admin = admin(database);

      assertThat(Policy.SIGNIN_WEBMAIL.choices())
          .containsExactly("passkey", "certificate", "either", "both");
      policies.set("signin.webmail", " Both ", admin);
      policies.set("signin.admin-console", "certificate", admin);

      assertThat(policies.get(Policy.SIGNIN_WEBMAIL)).isEqualTo(3);
      assertThat(policies.get(Policy.SIGNIN_ADMIN_CONSOLE)).isEqualTo(1);
      assertThatThrownBy(() -> policies.set("signin.webmail", "password", admin))
          .isInstanceOf(PolicyValueException.class)
          .hasMessage(
              "signin.webmail is one of passkey, certificate, either, both, not 'password'");
      assertThat(events(database))
          .containsExactly(
              admin.userId()
                  + " "
                  + admin.passkeyId()
                  + " signin.webmail 192.0.2.9 passkey -> both",
              admin.userId()
                  + " "
                  + admin.passkeyId()
                  + " signin.admin-console 192.0.2.9 passkey -> certificate");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aMailRuleIsUserChoiceDefaultOnOrRequiredAndIsAuditedByName(String product) throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      Policies policies = new Policies(database, new AuditLog(database, clock), clock);
      PolicyChanger admin = admin(database);

      policies.set("mail.sign", "Required", admin);
      policies.set("mail.encrypt", "default-on", admin);

      assertThat(policies.mailRule(Policy.MAIL_SIGN)).isEqualTo(MailRule.REQUIRED);
      assertThat(policies.mailRule(Policy.MAIL_ENCRYPT)).isEqualTo(MailRule.DEFAULT_ON);
      assertThatThrownBy(() -> policies.set("mail.sign", "always", admin))
          .isInstanceOf(PolicyValueException.class)
          .hasMessage("mail.sign is one of user-choice, default-on, required, not 'always'");
      assertThat(events(database))
          .containsExactly(
              admin.userId()
                  + " "
                  + admin.passkeyId()
                  + " mail.sign 192.0.2.9 user-choice -> required",
              admin.userId()
                  + " "
                  + admin.passkeyId()
                  + " mail.encrypt 192.0.2.9 user-choice -> default-on");
    }
  }

  @Test
  void everyAlgorithmThePolicyNamesIsOneKeymailEncryptsWith() {
    // The server turns the names into the S/MIME engine's ciphers; a name it lacks would fail
    // there.
    assertThat(Policy.MAIL_ENCRYPTION_ALGORITHMS.choices())
        .isNotEmpty()
        .allSatisfy(
            name ->
                assertThat(ContentCipher.byName(name))
                    .hasValueSatisfying(c -> assertThat(c.isUsedForSending()).isTrue()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void theEncryptionAlgorithmsAreOneOrMoreOfTheirNamesAndAuditedAsAList(String product)
      throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      Policies policies = new Policies(database, new AuditLog(database, clock), clock);
      PolicyChanger admin = admin(database);

      PolicyValue gcmOnly = policies.set("mail.encryption-algorithms", " AES-256-GCM ", admin);

      assertThat(gcmOnly.value()).isEqualTo(1);
      assertThat(policies.members(Policy.MAIL_ENCRYPTION_ALGORITHMS))
          .containsExactly("aes-256-gcm");
      assertThatThrownBy(() -> policies.set("mail.encryption-algorithms", " , ", admin))
          .isInstanceOf(PolicyValueException.class)
          .hasMessage(
              "mail.encryption-algorithms lists at least one of aes-256-gcm, aes-256-cbc, not ' , '");
      assertThatThrownBy(
              () -> policies.set("mail.encryption-algorithms", "aes-256-cbc,des-ede3-cbc", admin))
          .isInstanceOf(PolicyValueException.class)
          .hasMessage(
              "mail.encryption-algorithms lists some of aes-256-gcm, aes-256-cbc, not"
                  + " 'des-ede3-cbc'");
      policies.set("mail.encryption-algorithms", "aes-256-cbc aes-256-gcm", admin);
      assertThat(policies.members(Policy.MAIL_ENCRYPTION_ALGORITHMS))
          .containsExactly("aes-256-gcm", "aes-256-cbc");
      assertThat(events(database))
          .containsExactly(
              admin.userId()
                  + " "
                  + admin.passkeyId()
                  + " mail.encryption-algorithms 192.0.2.9 aes-256-gcm,aes-256-cbc -> aes-256-gcm",
              admin.userId()
                  + " "
                  + admin.passkeyId()
                  + " mail.encryption-algorithms 192.0.2.9 aes-256-gcm -> aes-256-gcm,aes-256-cbc");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void anOnOffPolicyTakesOnOffYesNoAndIsAuditedInThoseWords(String product) throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      Policies policies = new Policies(database, new AuditLog(database, clock), clock);
      PolicyChanger admin = admin(database);

      policies.set("signing.certificate-choice", "off", admin);
      policies.set("signing.passkey-certificates-only", " Yes ", admin);

      assertThat(policies.isOn(Policy.SIGNING_CERTIFICATE_CHOICE)).isFalse();
      assertThat(policies.isOn(Policy.SIGNING_PASSKEY_CERTIFICATES_ONLY)).isTrue();
      assertThatThrownBy(() -> policies.set("signing.certificate-choice", "maybe", admin))
          .isInstanceOf(PolicyValueException.class)
          .hasMessage("signing.certificate-choice is on or off, not 'maybe'");
      assertThat(events(database))
          .containsExactly(
              admin.userId()
                  + " "
                  + admin.passkeyId()
                  + " signing.certificate-choice 192.0.2.9 on -> off",
              admin.userId()
                  + " "
                  + admin.passkeyId()
                  + " signing.passkey-certificates-only 192.0.2.9 off -> on");
    }
  }

  /** An administrator row (the audit log's user column references users). */
  private PolicyChanger admin(VaultDatabase database) throws SQLException {
    UUID id = UUID.randomUUID();
    database.inTransaction(
        c -> {
          try (var s =
              c.prepareStatement(
                  "INSERT INTO users (id, email, display_name, role, status, user_handle,"
                      + " created_at) VALUES (?, ?, 'Admin', 'ADMIN', 'ACTIVE', ?, ?)")) {
            s.setObject(1, id);
            s.setString(2, id + "@example.org");
            s.setBytes(3, id.toString().getBytes(StandardCharsets.US_ASCII));
            s.setTimestamp(4, Timestamp.from(clock.instant()));
            return s.executeUpdate();
          }
        });
    return new PolicyChanger(id, UUID.randomUUID(), "192.0.2.9");
  }

  private static List<String> events(VaultDatabase database) throws SQLException {
    return database.inTransaction(
        c -> {
          try (var s =
                  c.prepareStatement(
                      "SELECT user_id, passkey_id, object, client_address, detail FROM audit_events"
                          + " WHERE operation = 'POLICY_CHANGE' ORDER BY seq");
              var r = s.executeQuery()) {
            List<String> events = new java.util.ArrayList<>();
            while (r.next()) {
              events.add(
                  r.getObject(1)
                      + " "
                      + r.getObject(2)
                      + " "
                      + r.getString(3)
                      + " "
                      + r.getString(4)
                      + " "
                      + r.getString(5));
            }
            return events;
          }
        });
  }
}
