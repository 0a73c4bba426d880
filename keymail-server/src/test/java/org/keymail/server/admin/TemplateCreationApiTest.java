package org.keymail.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import tools.jackson.databind.JsonNode;

/**
 * An administrator creates a template with all its settings ({@code POST /api/v1/admin/templates});
 * a taken name or id is a conflict, the CA's validity rules (825 days for e-mail, 1825 for logon
 * only) answer with the rule, and a built-in template keeps its purpose.
 */
class TemplateCreationApiTest {

  @Test
  void administratorCreatesATemplateWithAllItsSettingsWithinTheCasRules() {
    try (Organisation org = Organisation.start("H2")) {
      ApiClient admin = org.administrator();
      ApiClient jo = org.user("jo@example.org");

      HttpResponse<String> created =
          admin.post(
              "/api/v1/admin/templates",
              Map.of(
                  "name",
                  "Partner Mail",
                  "purposes",
                  List.of("EMAIL"),
                  "keyTypes",
                  List.of("rsa-3072", "ec-p256"),
                  "validityDays",
                  825,
                  "approval",
                  "AUTOMATIC"));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonNode partner = ApiClient.json(created.body());
      assertThat(partner.get("name").asString()).isEqualTo("partner-mail");
      assertThat(partner.get("displayName").asString()).isEqualTo("Partner Mail");
      assertThat(partner.get("purposes").valueStream().map(JsonNode::asString))
          .containsExactly("EMAIL");
      assertThat(partner.get("keyTypes").valueStream().map(JsonNode::asString))
          .containsExactly("rsa-3072", "ec-p256");
      assertThat(partner.get("validityDays").asInt()).isEqualTo(825);
      assertThat(partner.get("approval").asString()).isEqualTo("AUTOMATIC");
      assertThat(partner.get("enabled").asBoolean()).isTrue();
      HttpResponse<String> issued =
          jo.post("/api/v1/certificate-requests", Map.of("template", "partner-mail"));
      assertThat(ApiClient.json(issued.body()).get("status").asString()).isEqualTo("ISSUED");

      HttpResponse<String> again =
          admin.post(
              "/api/v1/admin/templates",
              Map.of(
                  "name",
                  "partner mail",
                  "purposes",
                  List.of("EMAIL"),
                  "keyTypes",
                  List.of("ec-p256"),
                  "validityDays",
                  30));
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(ApiClient.json(again.body()).get("detail").asString())
          .isEqualTo(
              "a certificate template named \"Partner Mail\" (id partner-mail) exists already; change"
                  + " that one or choose another name");

      HttpResponse<String> tooLongForMail =
          admin.post(
              "/api/v1/admin/templates",
              Map.of(
                  "name",
                  "Long Mail",
                  "purposes",
                  List.of("EMAIL", "LOGON"),
                  "keyTypes",
                  List.of("ec-p256"),
                  "validityDays",
                  826));
      assertThat(tooLongForMail.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(tooLongForMail.body()).get("error").asString())
          .isEqualTo("template_change_refused");
      assertThat(ApiClient.json(tooLongForMail.body()).get("detail").asString())
          .isEqualTo(
              "the template \"Long Mail\" gives 826 days; e-mail certificates are valid for 1 to 825"
                  + " days (S/MIME Baseline Requirements)");
      HttpResponse<String> logonLimit =
          admin.post(
              "/api/v1/admin/templates",
              Map.of(
                  "name",
                  "Door Card",
                  "purposes",
                  List.of("LOGON"),
                  "keyTypes",
                  List.of("rsa-2048"),
                  "validityDays",
                  1826));
      assertThat(ApiClient.json(logonLimit.body()).get("detail").asString())
          .isEqualTo(
              "the template \"Door Card\" gives 1826 days; logon certificates are valid for 1 to 1825"
                  + " days");
      HttpResponse<String> disabledLogon =
          admin.post(
              "/api/v1/admin/templates",
              Map.of(
                  "name",
                  "Door Card",
                  "purposes",
                  List.of("LOGON"),
                  "keyTypes",
                  List.of("rsa-2048"),
                  "validityDays",
                  1825,
                  "approval",
                  "ADMINISTRATOR",
                  "enabled",
                  false));
      assertThat(disabledLogon.statusCode()).as(disabledLogon.body()).isEqualTo(201);
      assertThat(ApiClient.json(disabledLogon.body()).get("enabled").asBoolean()).isFalse();
      HttpResponse<String> missing =
          admin.post(
              "/api/v1/admin/templates", Map.of("name", "Half", "purposes", List.of("EMAIL")));
      assertThat(missing.statusCode()).isEqualTo(400);

      // A built-in template keeps its purpose; an administrator's own may change.
      HttpResponse<String> builtIn =
          admin.put("/api/v1/admin/templates/secure-email", Map.of("purposes", List.of("LOGON")));
      assertThat(ApiClient.json(builtIn.body()).get("detail").asString())
          .isEqualTo(
              "the built-in template \"Secure Email\" keeps its purpose secure-email; create a new"
                  + " template for smartcard-logon");
      HttpResponse<String> own =
          admin.put(
              "/api/v1/admin/templates/door-card",
              Map.of("purposes", List.of("EMAIL", "LOGON"), "validityDays", 400));
      assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
      assertThat(ApiClient.json(own.body()).get("purposes").valueStream().map(JsonNode::asString))
          .containsExactly("EMAIL", "LOGON");

      assertThat(jo.post("/api/v1/admin/templates", Map.of("name", "Mine")).statusCode())
          .isEqualTo(403);
      assertThat(
              ApiClient.json(admin.get("/api/v1/admin/templates").body())
                  .valueStream()
                  .map(t -> t.get("name").asString()))
          .containsExactlyInAnyOrder(
              "secure-email", "smartcard-logon", "user", "partner-mail", "door-card");
    }
  }
}
