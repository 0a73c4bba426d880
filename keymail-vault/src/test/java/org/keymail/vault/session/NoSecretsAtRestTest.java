package org.keymail.vault.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.vault.user.TestVault;
import org.keymail.vault.user.TestVault.Member;

/** After activation, unlock and logout, no access code or session token is in any table. */
class NoSecretsAtRestTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void databaseHoldsNoAccessCodeAndNoSessionToken(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      String code = "Unusual-Code-7391";
      Member ann = vault.member("ann@example.org", code);
      OpenedSession opened =
          vault.issuer.open(vault.present(ann.passKeyFile()), code.toCharArray(), "192.0.2.7");
      vault.sessions.require(opened.token());
      vault.issuer.end(opened.token(), "192.0.2.7");

      String everything = dump(vault);

      assertThat(everything).contains("ann@example.org");
      assertThat(everything)
          .doesNotContain(code)
          .doesNotContain(HexFormat.of().formatHex(code.getBytes(StandardCharsets.UTF_8)))
          .doesNotContain(opened.token().reveal())
          .doesNotContain(HexFormat.of().formatHex(opened.token().bytes()));
    }
  }

  /** Every value of every table of the vault, text as text and bytes as hex. */
  private static String dump(TestVault vault) throws Exception {
    List<String> tables =
        List.of(
            "users",
            "activation_codes",
            "passkeys",
            "webauthn_requests",
            "unlock_sessions",
            "policies",
            "audit_events");
    StringBuilder all = new StringBuilder();
    for (String table : tables) {
      all.append(
          vault.database.<String, RuntimeException>inTransaction(
              c -> {
                StringBuilder out = new StringBuilder();
                try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
                  ResultSetMetaData meta = r.getMetaData();
                  while (r.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                      Object value = r.getObject(i);
                      values.add(
                          value instanceof byte[] b
                              ? HexFormat.of().formatHex(b)
                              : String.valueOf(value));
                    }
                    out.append(String.join("|", values)).append('\n');
                  }
                }
                return out.toString();
              }));
    }
    return all.toString();
  }
}
