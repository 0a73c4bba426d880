package org.keymail.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/admin/policies}: an unlocked administrator lists and sets policies; a changed
 * session length applies to the next unlock session; wrong values and names are refused with the
 * policy's own words; users who are no administrators get 403.
 */
class AdminPolicyControllerTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void anAdministratorShortensTheIdleTimeAndTheNextSessionEndsSooner(String product)
      throws Exception {
    try (Organisation organisation = Organisation.start(product)) {
      TestServer server = organisation.server();
      ApiClient admin = organisation.administrator();

      HttpResponse<String> listed = admin.get("/api/v1/admin/policies");
      assertThat(listed.statusCode()).isEqualTo(200);
      JsonNode policies = ApiClient.json(listed.body());
      assertThat(policies.get(0).get("name").asString()).isEqualTo("session.idle-minutes");
      assertThat(policies.get(0).get("value").asLong()).isEqualTo(15);
      assertThat(policies.get(1).get("name").asString()).isEqualTo("session.absolute-hours");
      assertThat(policies.get(1).get("value").asLong()).isEqualTo(8);
      assertThat(policies.get(2).get("name").asString()).isEqualTo("signing.certificate-choice");
      assertThat(policies.get(2).get("kind").asString()).isEqualTo("on-off");
      assertThat(policies.get(2).get("shown").asString()).isEqualTo("on");
      assertThat(policies.get(3).get("name").asString())
          .isEqualTo("signing.passkey-certificates-only");
      assertThat(policies.get(3).get("shown").asString()).isEqualTo("off");
      assertThat(policies.get(3).get("description").asString())
          .isEqualTo(
              "Users may choose only PassKey certificates (of keys generated inside the vault,"
                  + " never imported) to sign with.");

      HttpResponse<String> switched =
          admin.put(
              "/api/v1/admin/policies/signing.passkey-certificates-only", Map.of("value", "on"));
      assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
      assertThat(ApiClient.json(switched.body()).get("value").asLong()).isEqualTo(1);
      assertThat(ApiClient.json(switched.body()).get("shown").asString()).isEqualTo("on");
      HttpResponse<String> notASwitch =
          admin.put(
              "/api/v1/admin/policies/signing.certificate-choice", Map.of("value", "sometimes"));
      assertThat(notASwitch.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(notASwitch.body()).get("detail").asString())
          .isEqualTo("signing.certificate-choice is on or off, not 'sometimes'");

      HttpResponse<String> set =
          admin.put("/api/v1/admin/policies/session.idle-minutes", Map.of("value", "5"));
      assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
      assertThat(ApiClient.json(set.body()).get("value").asLong()).isEqualTo(5);

      HttpResponse<String> tooLong =
          admin.put("/api/v1/admin/policies/session.idle-minutes", Map.of("value", "600"));
      assertThat(tooLong.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(tooLong.body()).get("error").asString())
          .isEqualTo("bad_policy_value");
      assertThat(ApiClient.json(tooLong.body()).get("detail").asString())
          .isEqualTo(
              "the idle time of a session (600 minutes) cannot be longer than its absolute"
                  + " length (8 hours)");
      HttpResponse<String> unknown =
          admin.put("/api/v1/admin/policies/session.length", Map.of("value", "5"));
      assertThat(unknown.statusCode()).isEqualTo(404);

      // A new session gets the new idle time: six quiet minutes end it.
      assertThat(admin.unlock(Organisation.ACCESS_CODE).statusCode()).isEqualTo(200);
      server.clock().advance(Duration.ofMinutes(6));
      assertThat(admin.get("/api/v1/admin/policies").statusCode()).isEqualTo(401);

      ApiClient bob = organisation.user("bob@example.org");
      assertThat(bob.get("/api/v1/admin/policies").statusCode()).isEqualTo(403);
      assertThat(
              bob.put("/api/v1/admin/policies/session.idle-minutes", Map.of("value", "60"))
                  .statusCode())
          .isEqualTo(403);
    }
  }
}
