package org.keymail.server.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms;
import org.keymail.server.webmail.compose.WebmailTesting;
import org.keymail.testing.FreePorts;

/**
 * {@code /admin/system} says in a sentence what state each component is in: on H2 with the embedded
 * mail server everything answers and the HSM is not used; with an organisation's mail server that
 * does not answer, the page says so. Users other than administrators get 403.
 */
class SystemPageTest {

  private static final Pattern ROW =
      Pattern.compile(
          "data-component=\"([^\"]+)\">\\s*<td class=\"component\">[^<]*</td>\\s*"
              + "<td class=\"state detail\">([^<]*)</td>\\s*<td class=\"health[^\"]*\">([^<]*)</td>");
  private static final String TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC";

  @Test
  void everyComponentIsDescribedInASentence() {
    try (Organisation organisation = Organisation.start("H2")) {
      TestServer server = organisation.server();
      WebmailForms admin = WebmailTesting.browser(server, organisation.administrator());
      assertThat(admin.get("/admin").body()).contains("href=\"/admin/system\"");

      HttpResponse<String> page = admin.get("/admin/system");
      assertThat(page.statusCode()).isEqualTo(200);
      Map<String, String[]> rows = rows(page.body());
      assertThat(rows)
          .containsOnlyKeys(
              "Certificate authority",
              "Database",
              "Mail server",
              "HSM",
              "Directory over LDAP",
              "keymail");

      assertThat(rows.get("Certificate authority")[0])
          .matches(
              "Issuing CA .*CN=keymail Issuing CA under the root .*CN=keymail Root CA; its key is in"
                  + " software, in the vault, wrapped by the key-encryption key in the master key"
                  + " file\\. Valid from "
                  + TIME
                  + " until "
                  + TIME
                  + "\\. CRL number \\d+ was issued at "
                  + TIME
                  + "; the next is due by "
                  + TIME
                  + "\\.");
      assertThat(rows.get("Certificate authority")[1]).isEqualTo("Working");
      assertThat(rows.get("Database")[0])
          .matches(
              "H2 2\\.\\S+ \\(.*\\), embedded in the data folder, answers now; schema version \\d+"
                  + " \\(Flyway\\)\\.");
      assertThat(rows.get("Mail server")[0])
          .matches(
              "Embedded \\(mail kept in memory until the server stops\\): IMAP 127\\.0\\.0\\.1:\\d+"
                  + " answers, SMTP 127\\.0\\.0\\.1:\\d+ answers now\\.");
      assertThat(rows.get("HSM"))
          .containsExactly(
              "Not used: the key-encryption key is the master key file "
                  + server.dataDirectory().toAbsolutePath().normalize().resolve("master.key")
                  + ".",
              "Not used");
      assertThat(rows.get("Directory over LDAP"))
          .containsExactly(
              "Off: address books cannot search the directory (keymail.directory.ldap.port).",
              "Not used");
      assertThat(rows.get("keymail")[0])
          .startsWith("keymail (development build) on Java " + Runtime.version() + " (")
          .contains(System.getProperty("os.name"));

      WebmailForms user = WebmailTesting.browser(server, organisation.user("bob@example.org"));
      assertThat(user.get("/admin/system").statusCode()).isEqualTo(403);
    }
  }

  @Test
  void aMailServerThatDoesNotAnswerIsNamed() {
    int imap = closedPort();
    int smtp = closedPort();
    try (Organisation organisation =
        Organisation.start(
            "H2",
            Map.of(
                "keymail.mail.imap-host", "127.0.0.1",
                "keymail.mail.imap-port", Integer.toString(imap),
                "keymail.mail.imap-security", "none",
                "keymail.mail.smtp-port", Integer.toString(smtp),
                "keymail.mail.smtp-security", "none",
                "keymail.mail.master-user", "keymail",
                "keymail.mail.master-secret", "not-used-here"))) {
      WebmailForms admin =
          WebmailTesting.browser(organisation.server(), organisation.administrator());
      String[] mail = rows(admin.get("/admin/system").body()).get("Mail server");
      assertThat(mail)
          .containsExactly(
              "The organisation's: IMAP 127.0.0.1:"
                  + imap
                  + " does not answer, SMTP 127.0.0.1:"
                  + smtp
                  + " does not answer now.",
              "Problem");
    }
  }

  @Test
  void aDatabaseAddressIsShownWithoutItsParametersWhichMayHoldAPassword() {
    assertThat(
            SystemComponents.withoutParameters(
                "jdbc:postgresql://db.example.org:5432/keymail?user=keymail&password=s3cret"))
        .isEqualTo("jdbc:postgresql://db.example.org:5432/keymail");
    assertThat(SystemComponents.withoutParameters("jdbc:h2:file:/srv/vault;PASSWORD=s3cret"))
        .isEqualTo("jdbc:h2:file:/srv/vault");
  }

  /** Each row's state sentence and health word, by component name. */
  private static Map<String, String[]> rows(String page) {
    Map<String, String[]> rows = new java.util.LinkedHashMap<>();
    Matcher m = ROW.matcher(page);
    while (m.find()) {
      rows.put(m.group(1), new String[] {unescape(m.group(2)), m.group(3)});
    }
    return rows;
  }

  private static String unescape(String html) {
    return html.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  /** A port nothing listens on. */
  private static int closedPort() {
    return FreePorts.pick();
  }
}
