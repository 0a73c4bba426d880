package org.keymail.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.webmail.compose.WebmailTesting.fields;
import static org.keymail.server.webmail.compose.WebmailTesting.keptId;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keymail.mail.testing.DovecotMailSystem;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms;
import org.keymail.server.webmail.compose.WebmailForms.Upload;
import org.keymail.server.webmail.compose.WebmailTesting;
import org.keymail.testing.FreePorts;
import org.keymail.vault.store.VaultDatabase;

/**
 * Two keymail nodes on one PostgreSQL database and one mail server, as a load balancer without
 * sticky sessions sees them: a PassKey sign-in started on one node finishes on the other, the
 * browser's cookie works on both (webmail, Dashboard, a compose form whose attachment was kept on
 * the other node), keys unlocked on one node sign and decrypt on the other, and signing out on one
 * node signs the browser out on both and ends its unlock session.
 */
class TwoNodesTest {

  private static final Pattern MESSAGE = Pattern.compile("href=\"(/mail/folder/INBOX/\\d+)\"");

  @Test
  void aBrowserSignedInOnOneNodeIsServedByTheOtherAndSignedOutOnBoth() throws Exception {
    int portB = FreePorts.pick();
    try (DovecotMailSystem mail =
        DovecotMailSystem.start(
            List.of("alice@example.org", "bob@example.org", "admin@keymail.localhost"))) {
      Map<String, String> nodeASettings = mailSettings(mail);
      // In production both nodes have the load balancer's one origin; here each has its own port.
      nodeASettings.put(
          "keymail.webauthn.origins",
          "https://localhost:${server.port},https://localhost:" + portB);
      try (Organisation organisation = Organisation.start("POSTGRESQL", nodeASettings)) {
        TestServer nodeA = organisation.server();
        Map<String, String> nodeBSettings = mailSettings(mail);
        nodeBSettings.put(
            "keymail.webauthn.origins",
            "https://localhost:" + nodeA.port() + ",https://localhost:" + portB);
        try (TestServer nodeB = nodeA.anotherNode(portB, nodeBSettings)) {
          ApiClient alice = WebmailTesting.withCertificate(organisation.user("alice@example.org"));
          ApiClient bob = WebmailTesting.withCertificate(organisation.user("bob@example.org"));

          // The PassKey ceremony starts on node A and finishes on node B.
          String cookie =
              alice.on(nodeB).unlockInABrowserSession(Organisation.ACCESS_CODE, null, alice);
          assertThat(count(nodeA, "SELECT COUNT(*) FROM browser_sessions")).isPositive();
          WebmailForms onA = new WebmailForms(nodeA, cookie);
          WebmailForms onB = new WebmailForms(nodeB, cookie);

          HttpResponse<String> inbox = onA.get("/mail");
          assertThat(inbox.statusCode()).isEqualTo(200);
          assertThat(inbox.body()).contains("alice@example.org");
          HttpResponse<String> dashboard = onB.get("/dashboard");
          assertThat(dashboard.statusCode()).isEqualTo(200);
          assertThat(dashboard.body()).contains("Signing, Encryption");

          // A form comes back on node A with its attachment kept; node B sends it, signed with the
          // keys unlocked on node B and encrypted.
          byte[] figures =
              "Q3: 1,234 widgets\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
          HttpResponse<String> refused =
              onA.post(
                  "/mail/compose",
                  fields(
                      "to", "erin@elsewhere.example",
                      "subject", "Quarterly figures",
                      "body", "The figures are attached.",
                      "sign", "on",
                      "encrypt", "on",
                      "action", "send"),
                  new Upload("attachments", "figures.txt", "text/plain", figures));
          assertThat(refused.statusCode()).isEqualTo(200);
          assertThat(refused.body()).contains("figures.txt");
          String kept = keptId(refused.body());
          HttpResponse<String> sent =
              onB.post(
                  "/mail/compose",
                  fields(
                      "to", "bob@example.org",
                      "subject", "Quarterly figures",
                      "body", "The figures are attached.",
                      "sign", "on",
                      "encrypt", "on",
                      "kept", kept,
                      "action", "send"));
          assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
          assertThat(sent.headers().firstValue("Location"))
              .hasValueSatisfying(l -> assertThat(l).endsWith("/mail/compose?sent"));
          assertThat(count(nodeA, "SELECT COUNT(*) FROM kept_attachments")).isZero();

          // What the database keeps of a browser session: who signed in and the kept attachments'
          // keeper, nothing of Spring Security's.
          assertThat(
                  names(nodeA, "SELECT DISTINCT attribute_name FROM browser_sessions_attributes"))
              .allMatch(
                  n ->
                      n.equals("org.keymail.server.signin.BrowserUnlock.signedIn")
                          || n.startsWith("org.keymail.server.webmail.compose.keeper."));

          // Bob unlocks on node B and decrypts on node A.
          WebmailForms bobOnA =
              new WebmailForms(
                  nodeA, bob.on(nodeB).unlockInABrowserSession(Organisation.ACCESS_CODE));
          Matcher message = MESSAGE.matcher(bobOnA.get("/mail/folder/INBOX").body());
          assertThat(message.find()).as("the message reached Bob's inbox").isTrue();
          String opened = bobOnA.get(message.group(1)).body();
          assertThat(opened)
              .contains("The figures are attached.")
              .contains("figures.txt")
              .contains("alice@example.org");

          // Signing out on node B signs out on node A and ends the unlock session.
          long ended =
              count(nodeA, "SELECT COUNT(*) FROM unlock_sessions WHERE ended_at IS NOT NULL");
          HttpResponse<String> signedOut = onB.postForm("/logout", List.of());
          assertThat(signedOut.statusCode()).isEqualTo(302);
          assertThat(signedOut.headers().firstValue("Location"))
              .hasValueSatisfying(l -> assertThat(l).endsWith("/signin?signedOut"));
          HttpResponse<String> afterwards = new WebmailForms(nodeA, cookie).get("/mail");
          assertThat(afterwards.statusCode()).isEqualTo(302);
          assertThat(afterwards.headers().firstValue("Location"))
              .hasValueSatisfying(l -> assertThat(l).endsWith("/signin"));
          assertThat(new WebmailForms(nodeA, cookie).get("/api/v1/certificates").statusCode())
              .isEqualTo(401);
          assertThat(
                  count(nodeA, "SELECT COUNT(*) FROM unlock_sessions WHERE ended_at IS NOT NULL"))
              .isEqualTo(ended + 1);
          // Bob, signed in elsewhere, is still signed in on both nodes.
          assertThat(bobOnA.get("/mail").statusCode()).isEqualTo(200);
        }
      }
    }
  }

  private static Map<String, String> mailSettings(DovecotMailSystem mail) {
    Map<String, String> settings = new HashMap<>();
    settings.put("keymail.mail.imap-host", "127.0.0.1");
    settings.put("keymail.mail.imap-port", Integer.toString(mail.imapPort()));
    settings.put("keymail.mail.imap-security", "none");
    settings.put("keymail.mail.master-user", mail.masterUser());
    settings.put("keymail.mail.master-secret", mail.masterSecret());
    settings.put("keymail.mail.smtp-host", "127.0.0.1");
    settings.put("keymail.mail.smtp-port", Integer.toString(mail.smtpPort()));
    settings.put("keymail.mail.smtp-security", "none");
    return settings;
  }

  private static List<String> names(TestServer node, String query) {
    try (VaultDatabase vault = node.openVault();
        Connection c = vault.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      List<String> names = new java.util.ArrayList<>();
      while (r.next()) {
        names.add(r.getString(1));
      }
      return names;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long count(TestServer node, String query) {
    try (VaultDatabase vault = node.openVault();
        Connection c = vault.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
