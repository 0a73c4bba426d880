package org.keymail.pki.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.pki.template.Templates;
import org.postgresql.ds.PGSimpleDataSource;

class PkiDatabaseTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void migratesBesideAnotherSchemasTablesAndHistory(String product) throws SQLException {
    DataSource dataSource = PkiTestDatabases.open(product);
    // The vault's migrations have run first, with Flyway's default history table.
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:org/keymail/pki/store/othermigration")
        .load()
        .migrate();

    PkiDatabase.migrate(dataSource);
    PkiDatabase.migrate(dataSource); // a later start: nothing left to do

    assertThat(strings(dataSource, "SELECT name FROM cert_templates ORDER BY name"))
        .containsExactly("Secure Email", "Smartcard Logon", "User");
    assertThat(strings(dataSource, "SELECT note FROM other_module_table")).containsExactly("kept");
    assertThat(
            strings(
                dataSource,
                "SELECT \"version\" FROM \"pki_schema_history\" WHERE \"success\" = TRUE"
                    + " AND \"version\" = '1'"))
        .containsExactly("1");
  }

  @Test
  void aDatabaseOutOfReachIsStorageUnavailableWithASentenceForPeople() throws Exception {
    PGSimpleDataSource dataSource = (PGSimpleDataSource) PkiTestDatabases.postgresql();
    PkiDatabase database = PkiDatabase.migrate(dataSource);
    Templates templates = new Templates(database, (c, event) -> {}, Clock.systemUTC());
    // The database server goes away: nothing listens where it was.
    dataSource.setPortNumbers(new int[] {closedPort()});

    for (ThrowingCallable use :
        List.<ThrowingCallable>of(
            templates::list,
            () -> templates.find("Secure Email"),
            () -> database.inTransaction(c -> null))) {
      assertThatThrownBy(use)
          .isInstanceOf(StorageUnavailableException.class)
          .hasMessage("The database is not reachable right now; try again in a moment.")
          .cause()
          .isInstanceOf(SQLException.class);
    }
  }

  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static List<String> strings(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }
}
