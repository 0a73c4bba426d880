package org.keymail.server.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.webmail.compose.WebmailTesting.fields;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms;
import org.keymail.server.webmail.compose.WebmailTesting;
import org.keymail.testing.Openssl;

/**
 * The admin console over real HTTPS in an administrator's signed-in browser session: the home
 * page's counts, users (search, invite with the code shown once, disable, enable, clear a lockout,
 * a user's page), the audit log (filter, refusals, verify, CSV export) and the policies (change,
 * refusals); and the webmail's top bar links to the console for administrators only.
 */
class AdminConsoleTest {

  private static final Pattern CODE = Pattern.compile("id=\"activation-code\">([^<]+)<");

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void administratorsRunTheOrganisationFromTheConsole(String product) {
    try (Organisation organisation = Organisation.start(product)) {
      TestServer server = organisation.server();
      ApiClient bob = organisation.user("bob@example.org");
      WebmailForms admin = WebmailTesting.browser(server, organisation.administrator());

      HttpResponse<String> home = admin.get("/admin");
      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(home.body())
          .contains("id=\"user-count\">2 users<", "0 requests wait for approval")
          .contains("href=\"/admin/users\"", "href=\"/admin/audit\"", "href=\"/admin/policies\"");
      for (String page : List.of("/mail/options", "/dashboard", "/support")) {
        assertThat(admin.get(page).body())
            .as(page)
            .contains("id=\"nav-admin\"", "id=\"signed-in-as\">")
            .doesNotContain("id=\"signed-in-as\"></span>");
      }
      // The certificate pages have the console's look: its top bar and sections.
      for (String page : List.of("/admin/certificate-requests", "/admin/revoke")) {
        assertThat(admin.get(page).body())
            .as(page)
            .contains("id=\"nav-admin\"", "id=\"admin-users\"", "id=\"signed-in-as\"")
            .contains("name=\"_csrf\" content=");
      }
      assertThat(WebmailTesting.browser(server, bob).get("/mail/options").body())
          .doesNotContain("nav-admin");

      // Invite: the code is on the answer, and only there.
      HttpResponse<String> invited =
          admin.postForm(
              "/admin/users",
              fields("email", "dana@example.org", "displayName", "Dana Scully", "role", "USER"));
      assertThat(invited.statusCode()).isEqualTo(200);
      Matcher code = CODE.matcher(invited.body());
      assertThat(code.find()).as(invited.body()).isTrue();
      assertThat(invited.body()).contains("<strong>dana@example.org</strong> is invited");
      String users = admin.get("/admin/users").body();
      assertThat(users).contains("dana@example.org", "Invited").doesNotContain(code.group(1));
      assertThat(admin.get("/admin/users?q=scully").body())
          .contains("dana@example.org")
          .doesNotContain("bob@example.org");
      assertThat(admin.get("/admin/users?q=nobody").body()).contains("No user matches.");
      assertThat(
              admin
                  .postForm("/admin/users", fields("email", "not an address", "role", "USER"))
                  .body())
          .contains("id=\"problem\"")
          .doesNotContain("activation-code");
      assertThat(
              admin
                  .postForm("/admin/users", fields("email", "bob@example.org", "role", "USER"))
                  .body())
          .contains("id=\"problem\"");
      assertThat(
              admin
                  .postForm("/admin/users", fields("email", "eve@example.org", "role", "ROOT"))
                  .body())
          .contains("A new user is a user or an administrator.");

      // Disable and enable bob; a second disable is refused with a sentence.
      HttpResponse<String> disabled =
          admin.postForm("/admin/users/bob@example.org/disable", List.of());
      assertThat(disabled.statusCode()).isEqualTo(302);
      String location = disabled.headers().firstValue("Location").orElseThrow();
      assertThat(location).contains("done=disabled");
      String bobPage = admin.get(location.replaceFirst("^https://[^/]+", "")).body();
      assertThat(bobPage)
          .containsPattern(
              "The user is disabled: they cannot sign in, and [12] unlock sessions? ended.")
          .contains("id=\"enable\"");
      assertThat(bob.get("/api/v1/keys").statusCode()).isIn(401, 403);
      assertThat(admin.postForm("/admin/users/bob@example.org/disable", List.of()).body())
          .contains("id=\"problem\"");
      assertThat(admin.postForm("/admin/users/bob@example.org/enable", List.of()).statusCode())
          .isEqualTo(302);
      assertThat(admin.get("/admin/users/bob@example.org").body())
          .contains("id=\"disable\"")
          .contains(">active<");

      // A wrong access code shows on bob's page, and clearing it says so.
      bob.unlock("not-the-code");
      assertThat(admin.get("/admin/users/bob@example.org").body())
          .contains("In use, 1 wrong access codes", "Clear lockout");
      HttpResponse<String> unlocked =
          admin.postForm("/admin/users/bob@example.org/unlock", List.of());
      assertThat(unlocked.headers().firstValue("Location").orElseThrow())
          .contains("done=unlocked&count=1");
      assertThat(admin.get("/admin/users/bob@example.org?done=unlocked&count=1").body())
          .contains("The lockout of 1 PassKey is cleared.")
          .doesNotContain("wrong access codes");
      assertThat(admin.get("/admin/users/nobody@example.org").statusCode()).isEqualTo(404);

      // The audit log: filtered, refusals in a sentence, the chain verified.
      String audit = admin.get("/admin/audit?operation=user_disable").body();
      assertThat(audit).contains("USER_DISABLE").doesNotContain(">USER_ENABLE<");
      assertThat(admin.get("/admin/audit?user=bob@example.org&result=SUCCESS").body())
          .contains("USER_DISABLE", "USER_ENABLE");
      assertThat(admin.get("/admin/audit?result=maybe").body())
          .contains("The result is SUCCESS, FAILURE or DENIED, not &quot;MAYBE&quot;.");
      assertThat(admin.get("/admin/audit?since=yesterday").body())
          .contains("is a date and time such as 2026-11-26T14:32");
      assertThat(admin.get("/admin/audit?user=nobody@example.org").body())
          .contains("There is no keymail user nobody@example.org");
      assertThat(admin.get("/admin/audit?since=2999-01-01T00:00").body())
          .contains("No event matches.");
      assertThat(admin.postForm("/admin/audit/verify", fields("operation", "")).body())
          .containsPattern("The audit chain holds: all \\d+ events are intact and in order.");

      // Policies: each with its sentence; a change saved, a wrong value refused.
      String policies = admin.get("/admin/policies").body();
      assertThat(policies)
          .contains("session.idle-minutes", "session.absolute-hours")
          .contains("signing.certificate-choice", "signing.passkey-certificates-only")
          .contains("An unlock session ends after this many minutes without use.");
      HttpResponse<String> saved =
          admin.postForm("/admin/policies/session.idle-minutes", fields("value", "30"));
      assertThat(saved.statusCode()).isEqualTo(302);
      assertThat(admin.get("/admin/policies?saved=session.idle-minutes").body())
          .contains("Saved: session.idle-minutes.")
          .contains(">30 minutes<");
      assertThat(
              admin.postForm("/admin/policies/session.idle-minutes", fields("value", "0")).body())
          .contains("Not saved: session.idle-minutes is between 1 and 1440 minutes, not 0.");
      assertThat(
              admin
                  .postForm("/admin/policies/signing.certificate-choice", fields("value", "maybe"))
                  .body())
          .contains("Not saved: signing.certificate-choice is on or off, not &#39;maybe&#39;.");
      assertThat(admin.postForm("/admin/policies/no.such", fields("value", "1")).body())
          .contains("Not saved: keymail has no policy");
      // The algorithms are a set: one checkbox each, both posted as one value.
      assertThat(policies)
          .contains("mail.sign", "mail.encrypt")
          .contains("Whether mail is signed: user-choice (each user&#39;s Sign option)")
          .containsPattern("id=\"value-mail.encryption-algorithms-aes-256-gcm\"[^>]*checked")
          .contains("mail already received is read whatever its algorithm.");
      assertThat(
              admin
                  .postForm(
                      "/admin/policies/mail.encryption-algorithms", fields("value", "aes-256-gcm"))
                  .statusCode())
          .isEqualTo(302);
      assertThat(admin.get("/admin/policies").body())
          .containsPattern(">aes-256-gcm</strong>")
          .doesNotContainPattern("id=\"value-mail.encryption-algorithms-aes-256-cbc\"[^>]*checked");
      assertThat(admin.postForm("/admin/policies/mail.encryption-algorithms", List.of()).body())
          .contains(
              "Not saved: mail.encryption-algorithms lists at least one of aes-256-gcm,"
                  + " aes-256-cbc, not &#39;&#39;.");
      assertThat(admin.get("/admin/audit?operation=POLICY_CHANGE").body())
          .contains("session.idle-minutes")
          .contains("aes-256-gcm,aes-256-cbc -&gt; aes-256-gcm");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void theExportIsTheFilteredLogAsCsv(String product) {
    try (Organisation organisation = Organisation.start(product)) {
      TestServer server = organisation.server();
      organisation.user("bob@example.org");
      WebmailForms admin = WebmailTesting.browser(server, organisation.administrator());
      admin.postForm(
          "/admin/users",
          fields(
              "email", "carol@example.org", "displayName", "Carol, \"C\" Danvers", "role", "USER"));
      admin.postForm("/admin/users/carol@example.org/disable", List.of());

      HttpResponse<String> csv = admin.get("/admin/audit/export?user=carol@example.org");
      assertThat(csv.statusCode()).isEqualTo(200);
      assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
      assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
          .contains("attachment", "keymail-audit.csv");
      List<String> lines = csv.body().lines().toList();
      assertThat(lines.getFirst()).isEqualTo(AuditCsv.HEADER);
      assertThat(csv.body()).contains("\r\n");
      assertThat(lines.subList(1, lines.size()))
          .isNotEmpty()
          .allSatisfy(l -> assertThat(l).contains("carol@example.org"))
          .anySatisfy(l -> assertThat(l).contains(",USER_DISABLE,"));
      assertThat(admin.get("/admin/audit/export?operation=USER_DISABLE").body().lines().count())
          .isEqualTo(2);
      assertThat(admin.get("/admin/audit/export?result=maybe").body())
          .contains("The result is SUCCESS, FAILURE or DENIED");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void administratorsImportAPartnersRootAndOptInToThePublicRoots(
      String product, @TempDir Path directory) throws Exception {
    String partnerRoot = new Openssl(directory).selfSignedRoot("/CN=Partner Root CA");
    try (Organisation organisation = Organisation.start(product)) {
      TestServer server = organisation.server();
      WebmailForms admin = WebmailTesting.browser(server, organisation.administrator());
      // The server's clock starts at the whole minute; the root was made a moment ago.
      server.clock().advance(Duration.ofMinutes(1));

      assertThat(admin.get("/admin/trust").body())
          .contains("CN=keymail Root CA", "The organisation&#39;s CA")
          .contains("The public roots are not trusted")
          .doesNotContain("Partner Root CA");

      HttpResponse<String> imported =
          admin.postForm("/admin/trust/roots", fields("pem", partnerRoot));
      assertThat(imported.statusCode()).as(imported.body()).isEqualTo(302);
      assertThat(admin.get("/admin/trust?done=imported").body())
          .contains("The root is imported", "CN=Partner Root CA", ">Imported<");
      assertThat(admin.postForm("/admin/trust/roots", fields("pem", partnerRoot)).body())
          .contains("id=\"problem\"", "Not imported: ");

      // Certificate sign-in: the organisation's CA always; the partner's root once allowed.
      String partner = fingerprintOf(admin.get("/admin/trust").body(), "CN=Partner Root CA");
      assertThat(admin.get("/admin/trust").body()).contains(">Always<", ">Not allowed<");
      HttpResponse<String> allowed =
          admin.postForm("/admin/trust/signin", fields("sha256", partner, "allowed", "on"));
      assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(302);
      assertThat(admin.get("/admin/trust?done=signin-on&root=" + partner).body())
          .contains("Certificates issued by CN=Partner Root CA sign people in now.")
          .contains(">Allowed<", "Stop allowing for sign-in");
      assertThat(admin.get("/api/v1/admin/signin-authorities").body()).contains(partner);
      admin.postForm("/admin/trust/signin", fields("sha256", partner, "allowed", "off"));
      assertThat(admin.get("/admin/trust?done=signin-off&root=" + partner).body())
          .contains("Certificates issued by CN=Partner Root CA no longer sign anyone in.")
          .contains(">Not allowed<");
      assertThat(admin.get("/api/v1/admin/signin-authorities").body()).doesNotContain(partner);
      assertThat(
              admin
                  .postForm(
                      "/admin/trust/signin", fields("sha256", "a".repeat(64), "allowed", "on"))
                  .body())
          .contains("id=\"problem\"", "Not changed: No imported trusted root has the SHA-256");
      assertThat(
              admin
                  .postForm("/admin/trust/signin", fields("sha256", "nope", "allowed", "on"))
                  .body())
          .contains("id=\"problem\"", "Not changed: &#39;nope&#39; is not a SHA-256 fingerprint");
      assertThat(admin.get("/admin/audit?operation=SIGNIN_CA_CHANGE").body())
          .contains("signs people in now; SHA-256 " + partner)
          .contains("signs no one in any more; SHA-256 " + partner);
      assertThat(admin.postForm("/admin/trust/roots", fields("pem", "not a certificate")).body())
          .contains("id=\"problem\"", "Not imported: ");

      assertThat(admin.postForm("/admin/trust/public-roots", fields("enabled", "on")).statusCode())
          .isEqualTo(302);
      assertThat(admin.get("/admin/trust").body()).containsPattern("The \\d+ public roots");
      admin.postForm("/admin/trust/public-roots", fields("enabled", "off"));
      assertThat(admin.get("/admin/trust").body()).contains("The public roots are not trusted");
      assertThat(admin.get("/admin/audit?operation=TRUST_CHANGE").body()).contains("TRUST_CHANGE");
      assertThat(
              WebmailTesting.browser(server, organisation.user("bob@example.org"))
                  .get("/admin/trust")
                  .statusCode())
          .isEqualTo(403);
    }
  }

  /** The SHA-256 the Trusted roots page shows for the root {@code subject}. */
  private static String fingerprintOf(String page, String subject) {
    Matcher row =
        Pattern.compile(
                "data-sha256=\"([0-9a-f]{64})\">\\s*<td class=\"detail\">"
                    + Pattern.quote(subject)
                    + "<")
            .matcher(page);
    assertThat(row.find()).as(page).isTrue();
    return row.group(1);
  }
}
