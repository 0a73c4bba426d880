package org.keymail.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms;
import org.keymail.server.webmail.compose.WebmailTesting;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;

/**
 * The dashboard over real HTTPS, in a signed-in browser session: the certificates with their
 * purposes, trust, state and the one that signs now, downloaded as PEM; a .p12 imported from the
 * page, and the sentences for a wrong password and a file that is not PKCS#12; a PassKey renamed,
 * and the last one refused; another browser's unlock session ended; and the user's own activity.
 */
class DashboardPageTest {

  private static final Pattern SESSION_END =
      Pattern.compile(
          "<tr( class=\"this-browser\")?>.*?action=\"/dashboard/sessions/([0-9a-f]+)/end\"",
          Pattern.DOTALL);
  private static final Pattern PASSKEY_ID = Pattern.compile("id=\"passkey-([0-9a-f-]{36})\"");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void theDashboardShowsAndManagesWhatKeymailHoldsForTheUser(String product) throws Exception {
    try (Organisation organisation = Organisation.start(product)) {
      TestServer server = organisation.server();
      ApiClient alice = WebmailTesting.withCertificate(organisation.user("alice@example.org"));
      WebmailForms browser = WebmailTesting.browser(server, alice);

      HttpResponse<String> shown = browser.get("/dashboard");
      assertThat(shown.statusCode()).isEqualTo(200);
      String page = shown.body();
      assertThat(page)
          .contains("id=\"nav-dashboard\"")
          .contains("Signing, Encryption")
          .contains("Inside your organisation")
          .contains("Yes (automatic)")
          .contains(">valid<")
          .contains("href=\"/certificates/request\"");
      Matcher certificate =
          Pattern.compile("/dashboard/certificates/([0-9a-f-]{36})/download").matcher(page);
      assertThat(certificate.find()).isTrue();
      HttpResponse<byte[]> pem =
          server
              .httpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(server.uri(certificate.group()))
                      .header("Cookie", browser.sessionCookie())
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(pem.statusCode()).isEqualTo(200);
      assertThat(new String(pem.body(), StandardCharsets.US_ASCII))
          .startsWith("-----BEGIN CERTIFICATE-----");
      assertThat(browser.get("/dashboard/certificates/" + certificate.group(1)).body())
          .contains("Serial number")
          .contains("Inside your organisation (issued by its CA)");

      // Import: the wrong password and a file that is no PKCS#12 are told in a sentence.
      byte[] p12 = pkcs12(TestPki.create().user("alice@example.org", KeyType.RSA_2048));
      HttpResponse<String> wrong = importFile(browser, p12, "not-the-password");
      assertThat(wrong.statusCode()).isEqualTo(200);
      assertThat(wrong.body()).contains("The password does not open this file.");
      HttpResponse<String> notPkcs12 =
          importFile(browser, "hello".getBytes(StandardCharsets.US_ASCII), "");
      assertThat(notPkcs12.body()).contains("This is not a .p12/.pfx file keymail can use");
      HttpResponse<String> imported = importFile(browser, p12, "import-pass");
      assertThat(imported.statusCode()).as(imported.body()).isEqualTo(302);
      assertThat(imported.headers().firstValue("Location").orElseThrow())
          .endsWith("/dashboard?done=imported");
      page = browser.get("/dashboard?done=imported").body();
      assertThat(page)
          .contains("The file was imported; it is not kept.")
          .contains("By outsiders too (another CA)");

      // PassKeys: renamed; the last one is not revoked.
      Matcher passKey = PASSKEY_ID.matcher(page);
      assertThat(passKey.find()).isTrue();
      String passKeyId = passKey.group(1);
      HttpResponse<String> renamed =
          browser.postForm(
              "/dashboard/passkeys/" + passKeyId + "/rename",
              List.of(Map.entry("name", "Desk key")));
      assertThat(renamed.statusCode()).isEqualTo(302);
      assertThat(browser.get("/dashboard").body()).contains("value=\"Desk key\"");
      HttpResponse<String> refused =
          browser.postForm("/dashboard/passkeys/" + passKeyId + "/revoke", List.of());
      assertThat(refused.statusCode()).isEqualTo(200);
      assertThat(refused.body()).contains("This is your last PassKey");
      assertThat(alice.get("/api/v1/passkeys").body()).doesNotContain("revokedAt\":\"");

      // Sessions: another browser's is listed apart from this one's, and ended from here.
      WebmailForms other = WebmailTesting.browser(server, alice);
      assertThat(other.get("/dashboard").statusCode()).isEqualTo(200);
      page = browser.get("/dashboard").body();
      assertThat(page).contains("this browser");
      String otherSession = null;
      Matcher row = SESSION_END.matcher(page);
      int rows = 0;
      while (row.find()) {
        rows++;
        if (row.group(1) == null) {
          otherSession = row.group(2);
        }
      }
      assertThat(rows).isGreaterThanOrEqualTo(2);
      assertThat(otherSession).isNotNull();
      HttpResponse<String> ended =
          browser.postForm("/dashboard/sessions/" + otherSession + "/end", List.of());
      assertThat(ended.statusCode()).isEqualTo(302);
      assertThat(other.get("/dashboard").statusCode()).isNotEqualTo(200);
      assertThat(browser.get("/dashboard").statusCode()).isEqualTo(200);
      HttpResponse<String> again =
          browser.postForm("/dashboard/sessions/" + otherSession + "/end", List.of());
      assertThat(again.body()).contains("That session is not open any more.");

      // My activity: the user's own events, newest first.
      page = browser.get("/dashboard").body();
      String activity = page.substring(page.indexOf("id=\"activity\""));
      assertThat(activity).contains("LOCK").contains("RENAME_PASSKEY");
      assertThat(activity.indexOf("LOCK")).isLessThan(activity.indexOf("RENAME_PASSKEY"));
    }
  }

  private static HttpResponse<String> importFile(
      WebmailForms browser, byte[] file, String password) {
    browser.get("/dashboard");
    return browser.post(
        "/dashboard/certificates/import",
        List.of(Map.entry("password", password)),
        new WebmailForms.Upload("file", "alice.p12", "application/x-pkcs12", file));
  }

  static byte[] pkcs12(Identity identity) {
    return identity.pkcs12("import-pass");
  }
}
