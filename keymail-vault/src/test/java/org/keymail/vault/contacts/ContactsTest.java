package org.keymail.vault.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;
import org.keymail.testing.MovableClock;
import org.keymail.vault.store.TestDatabases;
import org.keymail.vault.store.VaultDatabase;

/**
 * Contacts keep one row per user, address and certificate; keeping one again updates it when
 * something changed, and a contact the user added stays "added" when the same certificate is later
 * collected.
 */
class ContactsTest {

  private final MovableClock clock = MovableClock.at("2026-11-26T14:17:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void collectedThenAddedIsOneContactAndAddedStaysAdded(String product) throws Exception {
    TestPki pki = TestPki.create();
    Identity dave = pki.user("dave@partner.example", KeyType.EC_P256);
    EmailAddress address = EmailAddress.parse("dave@partner.example");
    try (VaultDatabase database = TestDatabases.open(product)) {
      Contacts contacts = new Contacts(database, clock);
      UUID bob = user(database, "bob@example.org");
      UUID carol = user(database, "carol@example.org");

      Contact collected =
          contacts.keep(
              bob, address, "", dave.certificate(), Optional.empty(), ContactSource.COLLECTED);
      clock.advance(Duration.ofMinutes(1));
      Contact added =
          contacts.keep(
              bob,
              address,
              "Dave Partner",
              dave.certificate(),
              Optional.of(new byte[] {0x30, 0x00}),
              ContactSource.ADDED);
      clock.advance(Duration.ofMinutes(1));
      contacts.keep(
          bob, address, "Dave P.", dave.certificate(), Optional.empty(), ContactSource.COLLECTED);

      assertThat(collected.displayName()).isEqualTo("dave@partner.example");
      assertThat(added.id()).isEqualTo(collected.id());
      assertThat(contacts.list(bob))
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.source()).isEqualTo(ContactSource.ADDED);
                assertThat(c.displayName()).isEqualTo("Dave P.");
                assertThat(c.certificate()).isEqualTo(dave.certificate());
                assertThat(c.capabilities()).hasValueSatisfying(d -> assertThat(d).hasSize(2));
                assertThat(c.updatedAt()).isAfter(c.addedAt());
              });
      assertThat(contacts.of(bob, address)).hasSize(1);
      assertThat(contacts.list(carol)).isEmpty();
      assertThat(contacts.get(carol, collected.id())).isEmpty();
      assertThat(contacts.remove(carol, collected.id())).isFalse();
      assertThat(contacts.remove(bob, collected.id())).isTrue();
      assertThat(contacts.list(bob)).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void theSameSignerAgainWritesNothingAndANewerCertificateComesFirst(String product)
      throws Exception {
    TestPki pki = TestPki.create();
    Identity dave = pki.user("dave@partner.example", KeyType.EC_P256);
    EmailAddress address = EmailAddress.parse("dave@partner.example");
    Optional<byte[]> capabilities = Optional.of(new byte[] {0x30, 0x00});
    try (VaultDatabase database = TestDatabases.open(product)) {
      Contacts contacts = new Contacts(database, clock);
      UUID bob = user(database, "bob@example.org");
      Contact first =
          contacts.keep(
              bob, address, "Dave", dave.certificate(), capabilities, ContactSource.COLLECTED);

      clock.advance(Duration.ofMinutes(5));
      Contact again =
          contacts.keep(
              bob,
              address,
              "Dave",
              dave.certificate(),
              Optional.of(new byte[] {0x30, 0x00}),
              ContactSource.COLLECTED);
      contacts.keep(
          bob, address, "Dave", dave.certificate(), Optional.empty(), ContactSource.COLLECTED);
      assertThat(again.updatedAt()).as("nothing changed").isEqualTo(first.updatedAt());
      assertThat(contacts.list(bob))
          .singleElement()
          .satisfies(c -> assertThat(c.updatedAt()).isEqualTo(first.updatedAt()));

      clock.advance(Duration.ofMinutes(5));
      Identity renewed = pki.user("dave@partner.example", KeyType.EC_P256);
      contacts.keep(
          bob, address, "Dave", renewed.certificate(), capabilities, ContactSource.COLLECTED);
      assertThat(contacts.of(bob, address))
          .extracting(Contact::certificate)
          .containsExactly(renewed.certificate(), dave.certificate());

      clock.advance(Duration.ofMinutes(5));
      Contact renamed =
          contacts.keep(
              bob, address, "Dave Partner", dave.certificate(), capabilities, ContactSource.ADDED);
      assertThat(renamed.updatedAt()).as("a new name is written").isEqualTo(clock.instant());
      assertThat(renamed.source()).isEqualTo(ContactSource.ADDED);

      clock.advance(Duration.ofMinutes(5));
      Contact nameless =
          contacts.keep(bob, address, "", dave.certificate(), capabilities, ContactSource.ADDED);
      assertThat(nameless.displayName())
          .as("no name keeps the known one")
          .isEqualTo("Dave Partner");
      assertThat(nameless.updatedAt()).isEqualTo(renamed.updatedAt());
    }
  }

  private UUID user(VaultDatabase database, String email) {
    UUID id = UUID.randomUUID();
    database.inTransaction(
        c -> {
          try (var s =
              c.prepareStatement(
                  "INSERT INTO users (id, email, display_name, role, status, user_handle,"
                      + " created_at) VALUES (?, ?, ?, 'USER', 'ACTIVE', ?, ?)")) {
            s.setObject(1, id);
            s.setString(2, email);
            s.setString(3, email);
            s.setBytes(4, id.toString().getBytes(StandardCharsets.US_ASCII));
            s.setTimestamp(5, Timestamp.from(clock.instant()));
            return s.executeUpdate();
          }
        });
    return id;
  }
}
