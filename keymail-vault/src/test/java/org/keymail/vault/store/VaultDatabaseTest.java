package org.keymail.vault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.testing.MovableClock;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.passkey.PassKeyAssertion;
import org.keymail.vault.passkey.RelyingPartyConfig;

class VaultDatabaseTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void schemaMigratesWithEveryTable(String product) throws SQLException {
    try (VaultDatabase db = TestDatabases.open(product)) {
      assertThat(db.product().name()).isEqualTo(product);
      List<String> counts = new ArrayList<>();
      for (String table :
          List.of(
              "users",
              "activation_codes",
              "passkeys",
              "webauthn_requests",
              "keks",
              "vault_keys",
              "certificates",
              "unlock_sessions",
              "policies",
              "audit_events")) {
        counts.add(
            db.inTransaction(
                c -> {
                  try (Statement s = c.createStatement();
                      ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    r.next();
                    return table + "=" + r.getLong(1);
                  }
                }));
      }
      assertThat(counts).allSatisfy(c -> assertThat(c).endsWith("=0")).hasSize(10);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void failedTransactionLeavesNothingBehind(String product) throws SQLException {
    try (VaultDatabase db = TestDatabases.open(product)) {
      assertThatThrownBy(
              () ->
                  db.inTransaction(
                      c -> {
                        try (Statement s = c.createStatement()) {
                          s.executeUpdate(
                              "INSERT INTO policies (name, policy_value, updated_at) VALUES ('a', 'b', CURRENT_TIMESTAMP)");
                          s.executeUpdate(
                              "INSERT INTO policies (name, policy_value, updated_at) VALUES ('a', 'again', CURRENT_TIMESTAMP)");
                        }
                        return null;
                      }))
          .isInstanceOf(StorageUnavailableException.class)
          .hasMessage(StorageUnavailableException.MESSAGE)
          .cause()
          .isInstanceOf(SQLException.class);
      long rows =
          db.inTransaction(
              c -> {
                try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM policies")) {
                  r.next();
                  return r.getLong(1);
                }
              });
      assertThat(rows).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aTransactionInsideAnotherJoinsItAndNeedsNoSecondConnection(String product) throws Exception {
    try (VaultDatabase db = TestDatabases.open(product);
        VaultDatabase two =
            VaultDatabase.open(
                ((com.zaxxer.hikari.HikariDataSource) db.dataSource()).getJdbcUrl(),
                ((com.zaxxer.hikari.HikariDataSource) db.dataSource()).getUsername(),
                ((com.zaxxer.hikari.HikariDataSource) db.dataSource()).getPassword(),
                2)) {
      // As many transactions at once as connections, each asking for an inner one: with a second
      // connection per inner transaction, both would wait for the other's for ever.
      CyclicBarrier bothHoldOne = new CyclicBarrier(2);
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        List<Future<Boolean>> sameConnection = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          sameConnection.add(
              threads.submit(
                  () ->
                      two.inTransaction(
                          outer -> {
                            await(bothHoldOne);
                            return two.inTransaction(inner -> inner == outer);
                          })));
        }
        for (Future<Boolean> joined : sameConnection) {
          assertThat(joined.get(20, TimeUnit.SECONDS)).isTrue();
        }
      } finally {
        threads.shutdownNow();
      }

      // The inner work is undone with the outer transaction.
      assertThatThrownBy(
              () ->
                  two.inTransaction(
                      c -> {
                        two.inTransaction(
                            inner -> {
                              try (Statement s = inner.createStatement()) {
                                return s.executeUpdate(
                                    "INSERT INTO policies (name, policy_value, updated_at)"
                                        + " VALUES ('joined', 'x', CURRENT_TIMESTAMP)");
                              }
                            });
                        throw new IllegalStateException("the outer work fails");
                      }))
          .isInstanceOf(IllegalStateException.class);
      long rows =
          two.inTransaction(
              c -> {
                try (Statement s = c.createStatement();
                    ResultSet r =
                        s.executeQuery("SELECT COUNT(*) FROM policies WHERE name = 'joined'")) {
                  r.next();
                  return r.getLong(1);
                }
              });
      assertThat(rows).isZero();
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void poolSizeIsTakenFromSettingsAndAnEmptyChainHeadIsCreated(String product) throws SQLException {
    try (VaultDatabase db = TestDatabases.open(product);
        VaultDatabase sized =
            VaultDatabase.open(
                ((com.zaxxer.hikari.HikariDataSource) db.dataSource()).getJdbcUrl(),
                ((com.zaxxer.hikari.HikariDataSource) db.dataSource()).getUsername(),
                ((com.zaxxer.hikari.HikariDataSource) db.dataSource()).getPassword(),
                5)) {
      assertThat(((com.zaxxer.hikari.HikariDataSource) sized.dataSource()).getMaximumPoolSize())
          .isEqualTo(5);
      assertThat(((com.zaxxer.hikari.HikariDataSource) db.dataSource()).getMaximumPoolSize())
          .isEqualTo(VaultDatabase.DEFAULT_POOL_SIZE);
      String head =
          db.inTransaction(
              c -> {
                try (Statement s = c.createStatement();
                    ResultSet r =
                        s.executeQuery("SELECT id, last_seq, last_hash FROM audit_chain_head")) {
                  r.next();
                  return r.getInt(1)
                      + "/"
                      + r.getLong(2)
                      + "/"
                      + (r.getBytes(3) == null ? "no hash" : "a hash");
                }
              });
      assertThat(head).isEqualTo("1/0/no hash");
    }
    assertThatThrownBy(() -> VaultDatabase.open("jdbc:h2:mem:x", "sa", "", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the vault needs a pool of at least 2 database connections, not 1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aDatabaseGoneIsStorageUnavailableWithASentenceForPeople(String product) {
    VaultDatabase db = TestDatabases.open(product);
    MovableClock clock = new MovableClock(java.time.Instant.parse("2026-03-01T09:00:00Z"));
    AuditLog audit = new AuditLog(db, clock);
    PassKeyAssertion signIn =
        new PassKeyAssertion(
            db,
            new RelyingPartyConfig("localhost", "keymail", Set.of("https://localhost")),
            audit,
            clock,
            new java.security.SecureRandom());
    db.close(); // the pool is gone: no connection is handed out any more

    for (ThrowingCallable use :
        List.<ThrowingCallable>of(
            () -> db.inTransaction(c -> null),
            audit::eventCount,
            () -> audit.record(AuditEvent.of(null, "TEST", "nothing", AuditResult.SUCCESS)),
            // Through Yubico's library, which asks the vault for the address's PassKeys.
            () -> signIn.startAssertion(Optional.of("ann@example.org")))) {
      assertThatThrownBy(use)
          .isInstanceOf(StorageUnavailableException.class)
          .hasMessage("The database is not reachable right now; try again in a moment.")
          .cause()
          .isInstanceOf(SQLException.class);
    }
  }
}
