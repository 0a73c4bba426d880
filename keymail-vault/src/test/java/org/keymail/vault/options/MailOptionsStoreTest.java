package org.keymail.vault.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.testing.MovableClock;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.store.TestDatabases;
import org.keymail.vault.store.VaultDatabase;

class MailOptionsStoreTest {

  private final MovableClock clock = MovableClock.at("2026-11-26T14:17:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void optionsAreTheDefaultsUntilSavedThenStoredPerUserAndAudited(String product) throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      MailOptionsStore store = new MailOptionsStore(database, new AuditLog(database, clock), clock);
      UUID alice = user(database);
      UUID bob = user(database);
      UUID certificate = UUID.randomUUID();

      assertThat(store.of(alice)).isEqualTo(MailOptions.DEFAULT);
      assertThat(store.saved(alice)).isEmpty();
      assertThat(MailOptions.DEFAULT.sendCertificates()).isTrue();
      assertThat(MailOptions.DEFAULT.automaticCertificate()).isTrue();

      store.save(alice, new MailOptions(true, true, false, Optional.of(certificate)));
      store.save(alice, new MailOptions(true, false, false, Optional.of(certificate)));

      assertThat(store.of(alice))
          .isEqualTo(new MailOptions(true, false, false, Optional.of(certificate)));
      assertThat(store.saved(alice)).contains(store.of(alice));
      assertThat(store.of(bob)).isEqualTo(MailOptions.DEFAULT);
      assertThat(store.saved(bob)).isEmpty();
      assertThat(events(database))
          .containsExactly(
              alice
                  + " encrypt on, sign on, send certificates off, signing certificate "
                  + certificate,
              alice
                  + " encrypt on, sign off, send certificates off, signing certificate "
                  + certificate);
      assertThat(new AuditLog(database, clock).verify()).isEmpty();
    }
  }

  private UUID user(VaultDatabase database) throws SQLException {
    UUID id = UUID.randomUUID();
    database.inTransaction(
        c -> {
          try (var s =
              c.prepareStatement(
                  "INSERT INTO users (id, email, display_name, role, status, user_handle,"
                      + " created_at) VALUES (?, ?, 'User', 'USER', 'ACTIVE', ?, ?)")) {
            s.setObject(1, id);
            s.setString(2, id + "@example.org");
            s.setBytes(3, id.toString().getBytes(StandardCharsets.US_ASCII));
            s.setTimestamp(4, Timestamp.from(clock.instant()));
            return s.executeUpdate();
          }
        });
    return id;
  }

  private static List<String> events(VaultDatabase database) throws SQLException {
    return database.inTransaction(
        c -> {
          try (var s =
                  c.prepareStatement(
                      "SELECT user_id, detail FROM audit_events"
                          + " WHERE operation = 'MAIL_OPTIONS_CHANGE' ORDER BY seq");
              var r = s.executeQuery()) {
            List<String> events = new ArrayList<>();
            while (r.next()) {
              events.add(r.getObject(1) + " " + r.getString(2));
            }
            return events;
          }
        });
  }
}
