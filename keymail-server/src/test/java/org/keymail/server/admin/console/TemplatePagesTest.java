package org.keymail.server.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.webmail.compose.WebmailTesting.fields;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms;
import org.keymail.server.webmail.compose.WebmailTesting;
import tools.jackson.databind.JsonNode;

/**
 * The certificate templates page: each template with its settings, a change saved (and what the API
 * then says), the CA's refusals in a sentence beside the template, a new template added, and the
 * page closed to anyone but administrators.
 */
class TemplatePagesTest {

  @Test
  void administratorsChangeAndAddTemplatesFromTheConsole() {
    try (Organisation organisation = Organisation.start("H2")) {
      TestServer server = organisation.server();
      ApiClient administrator = organisation.administrator();
      WebmailForms admin = WebmailTesting.browser(server, administrator);

      String page = admin.get("/admin/templates").body();
      assertThat(page)
          .contains("id=\"template-secure-email\"", "id=\"template-smartcard-logon\"")
          .contains("shipped with keymail", "id=\"admin-templates\"");

      // Secure Email: RSA only, 200 days, by an administrator, still offered.
      HttpResponse<String> saved =
          admin.postForm(
              "/admin/templates/secure-email",
              fields(
                  "keyTypes", "rsa-3072",
                  "keyTypes", "rsa-4096",
                  "validityDays", "200",
                  "approval", "administrator",
                  "enabled", "on"));
      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
      assertThat(admin.get("/admin/templates?saved=secure-email").body())
          .contains("Saved: secure-email.")
          .contains("rsa-3072, rsa-4096", "200 days", "approved by an administrator");
      JsonNode secureEmail = template(administrator, "Secure Email");
      assertThat(secureEmail.get("validityDays").asInt()).isEqualTo(200);
      assertThat(secureEmail.get("approval").asString()).isEqualToIgnoringCase("administrator");
      assertThat(secureEmail.get("enabled").asBoolean()).isTrue();

      // Refusals: the CA's own sentence beside the template, nothing changed.
      assertThat(
              admin
                  .postForm(
                      "/admin/templates/secure-email",
                      fields(
                          "keyTypes", "rsa-3072", "validityDays", "9000", "approval", "automatic"))
                  .body())
          .contains("Not saved: the template &quot;Secure Email&quot; gives 9000 days");
      assertThat(
              admin
                  .postForm(
                      "/admin/templates/secure-email",
                      fields("validityDays", "100", "approval", "automatic"))
                  .body())
          .contains("Not saved: tick at least one key type.");
      assertThat(
              admin
                  .postForm(
                      "/admin/templates/secure-email",
                      fields(
                          "keyTypes",
                          "rsa-3072",
                          "validityDays",
                          "a year",
                          "approval",
                          "automatic"))
                  .body())
          .contains("the validity is a whole number of days, not &quot;a year&quot;");
      assertThat(template(administrator, "Secure Email").get("validityDays").asInt())
          .isEqualTo(200);

      // Turning a template off: not offered any more.
      admin.postForm(
          "/admin/templates/smartcard-logon",
          fields("keyTypes", "ec-p256", "validityDays", "365", "approval", "automatic"));
      assertThat(template(administrator, "Smartcard Logon").get("enabled").asBoolean()).isFalse();

      // A new template; its name taken a second time is refused.
      HttpResponse<String> added =
          admin.postForm(
              "/admin/templates",
              fields(
                  "name", "Partner Mail",
                  "purposes", "SECURE_EMAIL",
                  "keyTypes", "ec-p384",
                  "validityDays", "90",
                  "approval", "automatic"));
      assertThat(added.statusCode()).as(added.body()).isEqualTo(302);
      assertThat(admin.get("/admin/templates").body())
          .contains("id=\"template-partner-mail\"", "added by an administrator", "90 days");
      assertThat(template(administrator, "Partner Mail").get("validityDays").asInt()).isEqualTo(90);
      assertThat(
              admin
                  .postForm(
                      "/admin/templates",
                      fields(
                          "name", "partner mail",
                          "purposes", "SECURE_EMAIL",
                          "keyTypes", "ec-p256",
                          "validityDays", "90",
                          "approval", "automatic"))
                  .body())
          .contains("Not added: a template named &quot;Partner Mail&quot; exists already");
      assertThat(admin.get("/admin/audit?operation=TEMPLATE_CHANGE").body())
          .contains("Partner Mail", "Secure Email");

      assertThat(
              WebmailTesting.browser(server, organisation.user("bob@example.org"))
                  .get("/admin/templates")
                  .statusCode())
          .isEqualTo(403);
    }
  }

  private static JsonNode template(ApiClient administrator, String name) {
    for (JsonNode t : ApiClient.json(administrator.get("/api/v1/admin/templates").body())) {
      if (t.get("displayName").asString().equals(name)) {
        return t;
      }
    }
    throw new AssertionError("no template " + name);
  }
}
