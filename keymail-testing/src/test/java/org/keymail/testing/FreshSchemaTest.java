package org.keymail.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class FreshSchemaTest {

  @Test
  void aFreshSchemaIsEmptyAndItsOwnAndGoesWhenDropped() throws SQLException {
    FreshSchema one = FreshSchema.create();
    FreshSchema two = FreshSchema.create();
    try (Connection c = one.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (x INT)");
    }

    assertThat(one.name()).isNotEqualTo(two.name());
    assertThat(tables(two)).isZero();
    assertThat(tables(one)).isEqualTo(1);

    one.drop();
    two.drop();
    assertThat(exists(one)).isFalse();
    assertThat(exists(two)).isFalse();
  }

  @Test
  void theJdbcUrlOpensTheSchema() throws SQLException {
    FreshSchema schema = FreshSchema.create();
    try (Connection c =
            DriverManager.getConnection(
                schema.jdbcUrl(), FreshSchema.user(), FreshSchema.password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT current_schema()")) {
      r.next();
      assertThat(r.getString(1)).isEqualTo(schema.name());
    } finally {
      schema.drop();
    }
  }

  private static int tables(FreshSchema schema) throws SQLException {
    return count(schema, "information_schema.tables WHERE table_schema");
  }

  private static boolean exists(FreshSchema schema) throws SQLException {
    return count(schema, "information_schema.schemata WHERE schema_name") == 1;
  }

  /** {@code SELECT count(*) FROM <where> = '<the schema's name>'}. */
  private static int count(FreshSchema schema, String where) throws SQLException {
    try (Connection c = schema.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT count(*) FROM " + where + " = '" + schema.name() + "'")) {
      r.next();
      return r.getInt(1);
    }
  }
}
