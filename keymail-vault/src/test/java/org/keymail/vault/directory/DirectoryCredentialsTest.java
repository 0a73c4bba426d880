package org.keymail.vault.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.testing.MovableClock;
import org.keymail.vault.audit.AuditEntry;
import org.keymail.vault.audit.AuditFilter;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.store.TestDatabases;
import org.keymail.vault.store.VaultDatabase;

/**
 * A directory credential binds its active owner with its secret and nothing else: a wrong secret, a
 * replaced or revoked credential and a disabled owner are refused, each refusal audited without the
 * secret.
 */
class DirectoryCredentialsTest {

  private final MovableClock clock = MovableClock.at("2026-12-04T10:00:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void bindsOnlyTheOwnersCurrentSecretWhileTheyAreActive(String product) throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      AuditLog audit = new AuditLog(database, clock);
      DirectoryCredentials credentials =
          new DirectoryCredentials(database, audit, clock, new SecureRandom());
      UUID alice = user(database, "alice@example.org");

      assertThat(credentials.of(alice)).isEmpty();
      DirectoryCredentials.Made first = credentials.make(alice, "192.0.2.1");
      String secret = first.secret().reveal();
      assertThat(secret).hasSize(32).matches("[0-9A-Z]+");
      assertThat(first.secret().toString()).doesNotContain(secret);

      clock.advance(Duration.ofMinutes(1));
      assertThat(credentials.bind("Alice@example.org", sent(secret), "192.0.2.1")).contains(alice);
      assertThat(credentials.of(alice))
          .hasValueSatisfying(held -> assertThat(held.lastUsedAt()).contains(clock.instant()));
      assertThat(credentials.bind("alice@example.org", sent(secret + "x"), "192.0.2.1")).isEmpty();
      assertThat(credentials.bind("nobody@example.org", sent(secret), "192.0.2.1")).isEmpty();

      String second = credentials.make(alice, "192.0.2.1").secret().reveal();
      assertThat(credentials.bind("alice@example.org", sent(secret), "192.0.2.1")).isEmpty();
      assertThat(credentials.bind("alice@example.org", sent(second), "192.0.2.1")).contains(alice);

      assertThat(credentials.holds(alice)).isTrue();
      status(database, alice, "DISABLED");
      assertThat(credentials.holds(alice)).isFalse();
      assertThat(credentials.bind("alice@example.org", sent(second), "192.0.2.1")).isEmpty();
      status(database, alice, "ACTIVE");
      assertThat(credentials.revoke(alice, "192.0.2.1")).isTrue();
      assertThat(credentials.revoke(alice, "192.0.2.1")).isFalse();
      assertThat(credentials.bind("alice@example.org", sent(second), "192.0.2.1")).isEmpty();
      assertThat(credentials.holds(alice)).isFalse();

      assertThat(
              audit.events(AuditFilter.newest().forOperation(DirectoryCredentials.BIND)).stream()
                  .map(AuditEntry::event))
          .allSatisfy(e -> assertThat(e.result()).isEqualTo(AuditResult.FAILURE))
          .extracting(e -> e.detail())
          .containsExactly(
              "no directory credential",
              "the account is not active",
              "wrong secret",
              "no such user",
              "wrong secret");
      assertThat(audit.events(AuditFilter.newest()))
          .allSatisfy(
              e ->
                  assertThat(String.valueOf(e.event()))
                      .doesNotContain(secret)
                      .doesNotContain(second));
    }
  }

  private static DirectorySecret sent(String secret) {
    return DirectorySecret.of(secret.getBytes(StandardCharsets.UTF_8));
  }

  private static void status(VaultDatabase database, UUID id, String status) {
    database.inTransaction(
        c -> {
          try (var s = c.prepareStatement("UPDATE users SET status = ? WHERE id = ?")) {
            s.setString(1, status);
            s.setObject(2, id);
            return s.executeUpdate();
          }
        });
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
