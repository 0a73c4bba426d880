package org.keymail.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms;
import org.keymail.server.webmail.compose.WebmailTesting;
import org.keymail.vault.store.VaultDatabase;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * A browser session is a row of {@code browser_sessions} on H2 and PostgreSQL alike: made at
 * sign-in, of no use to someone who reads the database, no longer honoured once expired, and
 * deleted by the cleanup every node runs.
 */
class BrowserSessionsTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void theDatabaseAloneSignsNoOneIn(String product) throws Exception {
    try (Organisation organisation = Organisation.start(product)) {
      TestServer server = organisation.server();
      ApiClient alice = organisation.user("alice@example.org");
      WebmailForms browser = WebmailTesting.browser(server, alice);
      assertThat(browser.get("/mail").statusCode()).isEqualTo(200);
      String sessionId = text(server, "SELECT session_id FROM browser_sessions");
      byte[] madeUp = new byte[32];
      new java.security.SecureRandom().nextBytes(madeUp);

      for (String value :
          List.of(
              sessionId,
              sessionId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(madeUp))) {
        WebmailForms forged =
            new WebmailForms(
                server,
                "KEYMAIL_SESSION="
                    + Base64.getEncoder()
                        .encodeToString(value.getBytes(StandardCharsets.US_ASCII)));
        HttpResponse<String> refused = forged.get("/mail");
        assertThat(refused.statusCode()).as(value).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location"))
            .hasValueSatisfying(l -> assertThat(l).endsWith("/signin"));
      }
      assertThat(browser.get("/mail").statusCode()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void anExpiredSessionSignsTheBrowserOutAndIsCleanedUp(String product) throws Exception {
    try (Organisation organisation = Organisation.start(product)) {
      TestServer server = organisation.server();
      ApiClient alice = organisation.user("alice@example.org");
      WebmailForms browser = WebmailTesting.browser(server, alice);
      assertThat(browser.get("/mail").statusCode()).isEqualTo(200);
      assertThat(update(server, "SELECT COUNT(*) FROM browser_sessions")).isEqualTo(1);

      // As a session looks an hour (the session timeout) after its last use.
      update(server, "UPDATE browser_sessions SET last_access_time = 0, expiry_time = 0");
      HttpResponse<String> expired = browser.get("/mail");
      assertThat(expired.statusCode()).isEqualTo(302);
      assertThat(expired.headers().firstValue("Location"))
          .hasValueSatisfying(l -> assertThat(l).endsWith("/signin"));

      server.bean(JdbcIndexedSessionRepository.class).cleanUpExpiredSessions();
      assertThat(update(server, "SELECT COUNT(*) FROM browser_sessions")).isZero();
      assertThat(update(server, "SELECT COUNT(*) FROM browser_sessions_attributes")).isZero();
    }
  }

  private static String text(TestServer server, String query) throws Exception {
    try (VaultDatabase vault = server.openVault();
        Connection c = vault.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getString(1).strip();
    }
  }

  /** Runs {@code sql}: the count a query answers, or the rows an update changed. */
  private static long update(TestServer server, String sql) throws Exception {
    try (VaultDatabase vault = server.openVault();
        Connection c = vault.dataSource().getConnection();
        Statement s = c.createStatement()) {
      if (!s.execute(sql)) {
        return s.getUpdateCount();
      }
      try (ResultSet r = s.getResultSet()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
