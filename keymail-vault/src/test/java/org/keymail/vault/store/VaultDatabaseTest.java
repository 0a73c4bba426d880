package org.keymail.vault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VaultDatabaseTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void schemaMigratesWithEveryTable(String product) throws SQLException {
    try (VaultDatabase db = TestDatabases.open(product)) {
      assertThat(db.product().name()).isEqualTo(product);
      List<String> counts = new ArrayList<>();
      for (String table : List.of("users", "activation_codes", "passkeys", "webauthn_requests", "keks", "vault_keys",
          "certificates", "unlock_sessions", "policies", "audit_events")) {
        counts.add(db.inTransaction(c -> {
          try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
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
      assertThatThrownBy(() -> db.inTransaction(c -> {
        try (Statement s = c.createStatement()) {
          s.executeUpdate("INSERT INTO policies (name, policy_value, updated_at) VALUES ('a', 'b', CURRENT_TIMESTAMP)");
          s.executeUpdate("INSERT INTO policies (name, policy_value, updated_at) VALUES ('a', 'again', CURRENT_TIMESTAMP)");
        }
        return null;
      })).isInstanceOf(SQLException.class);
      long rows = db.inTransaction(c -> {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM policies")) {
          r.next();
          return r.getLong(1);
        }
      });
      assertThat(rows).isZero();
    }
  }
}
