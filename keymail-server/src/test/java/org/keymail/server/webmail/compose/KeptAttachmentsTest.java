package org.keymail.server.webmail.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.webmail.compose.WebmailTesting.fields;
import static org.keymail.server.webmail.compose.WebmailTesting.keptId;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms.Upload;
import org.keymail.vault.store.VaultDatabase;

/**
 * Kept attachments live in the database only as long as their browser session: a sweep leaves those
 * of a session still signed in and deletes those of a session signed out.
 */
class KeptAttachmentsTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void theAttachmentsOfASignedOutSessionAreDeletedByTheSweep(String product) throws Exception {
    try (Organisation organisation = Organisation.start(product)) {
      TestServer server = organisation.server();
      ApiClient alice = WebmailTesting.withCertificate(organisation.user("alice@example.org"));
      WebmailForms stays = WebmailTesting.browser(server, alice);
      WebmailForms leaves = WebmailTesting.browser(server, alice);
      String staysKept = keepOne(stays);
      keepOne(leaves);
      assertThat(keptRows(server)).isEqualTo(2);

      assertThat(leaves.postForm("/logout", List.of()).statusCode()).isEqualTo(302);
      KeptAttachmentStore store = server.bean(KeptAttachmentStore.class);
      store.sweep();
      assertThat(keptRows(server)).as("within the grace of a request").isEqualTo(2);
      server.clock().advance(Duration.ofMinutes(6));
      store.sweep();

      assertThat(keptRows(server)).isEqualTo(1);
      HttpResponse<String> form =
          stays.post(
              "/mail/compose",
              fields("to", "bob@", "subject", "Plans", "kept", staysKept, "action", "attach"));
      assertThat(form.statusCode()).isEqualTo(200);
      assertThat(form.body()).contains("plans.txt");
    }
  }

  private static String keepOne(WebmailForms browser) {
    HttpResponse<String> kept =
        browser.post(
            "/mail/compose",
            fields("to", "bob@", "subject", "Plans", "body", "Attached.", "action", "attach"),
            new Upload(
                "attachments",
                "plans.txt",
                "text/plain",
                "The plans.".getBytes(StandardCharsets.UTF_8)));
    assertThat(kept.statusCode()).isEqualTo(200);
    return keptId(kept.body());
  }

  private static long keptRows(TestServer server) throws Exception {
    try (VaultDatabase vault = server.openVault();
        Connection c = vault.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM kept_attachments")) {
      r.next();
      return r.getLong(1);
    }
  }
}
