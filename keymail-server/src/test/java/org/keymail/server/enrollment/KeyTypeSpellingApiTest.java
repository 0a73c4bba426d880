package org.keymail.server.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import tools.jackson.databind.JsonNode;

/**
 * Key types have one spelling in every API answer ({@code rsa-2048}, {@code ec-p256}); the API also
 * takes the constants' names clients of its first version send. Every key type a template may allow
 * is one the vault generates and the CA certifies, and no other is offered.
 */
class KeyTypeSpellingApiTest {

  /** The spelling keymail no longer shows: the enum constants' names. */
  private static final Pattern OTHER_SPELLING =
      Pattern.compile("RSA_\\d|EC_P\\d|EC P-\\d|RSA-\\d|(?i:ec-p-\\d)");

  private static final List<String> EVERY_TYPE =
      List.of("rsa-2048", "rsa-3072", "rsa-4096", "ec-p256", "ec-p384");

  @Test
  void keyTypesHaveOneSpellingInEveryAnswerAndEveryOneOfferedIsMadeAndCertified() {
    try (Organisation org = Organisation.start("H2")) {
      ApiClient admin = org.administrator();
      ApiClient ivy = org.user("ivy@example.org");

      JsonNode forUsers = ApiClient.json(ivy.get("/api/v1/templates").body());
      assertThat(forUsers).isNotEmpty();
      for (JsonNode template : forUsers) {
        assertThat(template.get("keyTypes").valueStream().map(JsonNode::asString))
            .as(template.get("name").asString())
            .containsExactlyElementsOf(EVERY_TYPE);
      }
      // The old spelling is still taken; the answer is in the one spelling.
      HttpResponse<String> changed =
          admin.put(
              "/api/v1/admin/templates/user",
              Map.of(
                  "keyTypes", List.of("RSA_4096", "ec-p384", "EC P-256"), "approval", "AUTOMATIC"));
      assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
      assertThat(
              ApiClient.json(changed.body()).get("keyTypes").valueStream().map(JsonNode::asString))
          .containsExactly("rsa-4096", "ec-p256", "ec-p384");

      // Each key type a template allows is made in the vault and certified by the CA.
      admin.put("/api/v1/admin/templates/user", Map.of("keyTypes", EVERY_TYPE));
      for (String type : EVERY_TYPE) {
        HttpResponse<String> issued =
            ivy.post("/api/v1/certificate-requests", Map.of("template", "user", "keyType", type));
        assertThat(issued.statusCode()).as(type + ": " + issued.body()).isEqualTo(201);
        assertThat(ApiClient.json(issued.body()).get("status").asString()).isEqualTo("ISSUED");
        HttpResponse<String> generated = ivy.post("/api/v1/keys", Map.of("algorithm", type));
        assertThat(generated.statusCode()).as(type + ": " + generated.body()).isEqualTo(201);
        assertThat(ApiClient.json(generated.body()).get("algorithm").asString()).isEqualTo(type);
      }
      HttpResponse<String> oldName = ivy.post("/api/v1/keys", Map.of("algorithm", "EC_P256"));
      assertThat(ApiClient.json(oldName.body()).get("algorithm").asString()).isEqualTo("ec-p256");

      // A key type no template may allow is not made, and the refusals name the ones there are.
      HttpResponse<String> p521 = ivy.post("/api/v1/keys", Map.of("algorithm", "ec-p521"));
      assertThat(p521.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(p521.body()).get("detail").asString())
          .isEqualTo(
              "Unknown key algorithm 'ec-p521' (use one of: rsa-2048, rsa-3072, rsa-4096, ec-p256,"
                  + " ec-p384).");
      HttpResponse<String> unknownForTemplate =
          admin.put("/api/v1/admin/templates/user", Map.of("keyTypes", List.of("ec-p521")));
      assertThat(ApiClient.json(unknownForTemplate.body()).get("detail").asString())
          .isEqualTo(
              "Unknown key type 'ec-p521' (use rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384).");
      admin.put("/api/v1/admin/templates/secure-email", Map.of("keyTypes", List.of("ec-p256")));
      HttpResponse<String> notAllowed =
          ivy.post(
              "/api/v1/certificate-requests",
              Map.of("template", "secure-email", "keyType", "rsa-2048"));
      assertThat(ApiClient.json(notAllowed.body()).get("detail").asString())
          .isEqualTo(
              "The certificate template \"Secure Email\" does not allow rsa-2048 keys; it allows"
                  + " ec-p256.");
      admin.get("/api/v1/admin/templates");
      ivy.get("/api/v1/certificate-requests");

      List<HttpResponse<String>> answers = new ArrayList<>(admin.answers());
      answers.addAll(ivy.answers());
      assertThat(answers)
          .allSatisfy(
              a ->
                  assertThat(OTHER_SPELLING.matcher(a.body()).find())
                      .as(
                          "another spelling of a key type in %s %s: %s",
                          a.request().method(), a.uri(), a.body())
                      .isFalse());
    }
  }
}
