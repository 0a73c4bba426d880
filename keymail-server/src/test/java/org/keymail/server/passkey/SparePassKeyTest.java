package org.keymail.server.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailTesting;
import org.keymail.vault.audit.AuditFilter;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.audit.AuditRecord;
import tools.jackson.databind.JsonNode;

/**
 * A spare PassKey over the API, as the Dashboard registers one: only right after the PassKey and
 * access code were presented, with the user's PassKeys excluded, with an access code of its own
 * that follows the policy, audited; the spare then opens the same keys on its own, and the original
 * can be revoked.
 */
class SparePassKeyTest {

  private static final String SPARE_CODE = "Amber-Heron-31";

  @Test
  void aSparePassKeyIsAddedRightAfterAnUnlockAndOpensTheSameKeys() {
    try (Organisation organisation = Organisation.start("H2")) {
      TestServer server = organisation.server();
      ApiClient alice = WebmailTesting.withCertificate(organisation.user("alice@example.org"));
      ApiClient spare = new ApiClient(server);
      UUID original = passKeysOf(alice).get(0);

      // A session opened six minutes ago is still open, but no longer enough to add a PassKey.
      server.clock().advance(Duration.ofMinutes(6));
      HttpResponse<String> stale =
          alice.addSparePassKey(new ApiClient(server), "Spare key", SPARE_CODE);
      assertThat(stale.statusCode()).isEqualTo(401);
      assertThat(ApiClient.json(stale.body()).get("detail").asString())
          .isEqualTo(
              "Present your PassKey and enter its access code again: adding a PassKey needs them"
                  + " from the last 5 minutes");

      assertThat(alice.unlock(Organisation.ACCESS_CODE).statusCode()).isEqualTo(200);
      JsonNode options =
          ApiClient.json(alice.post("/api/v1/passkeys/spare/start", Map.of()).body())
              .get("options")
              .get("publicKey");
      assertThat(options.get("excludeCredentials")).hasSize(1);

      HttpResponse<String> tooShort =
          alice.addSparePassKey(new ApiClient(server), "Spare key", "abc");
      assertThat(tooShort.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(tooShort.body()).get("type").asString())
          .endsWith("access_code_too_short");

      HttpResponse<String> added = alice.addSparePassKey(spare, "Spare key", SPARE_CODE);
      assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
      UUID spareId = UUID.fromString(ApiClient.json(added.body()).get("passkeyId").asString());
      assertThat(passKeysOf(alice)).containsExactly(original, spareId);

      AuditRecord event =
          server
              .bean(AuditLog.class)
              .page(AuditFilter.newest().forOperation("REGISTER_PASSKEY").limitedTo(1))
              .records()
              .get(0);
      assertThat(event.entry().event().passkeyId()).isEqualTo(spareId);
      assertThat(event.entry().event().object()).isEqualTo("Spare key");
      assertThat(event.entry().event().detail()).isEqualTo("SOFTWARE, spare");
      assertThat(event.entry().event().clientAddress()).isNotBlank();

      // The spare has its own access code, and opens the user's keys with it.
      assertThat(spare.unlock(Organisation.ACCESS_CODE + "-wrong").statusCode()).isEqualTo(401);
      assertThat(spare.unlock(SPARE_CODE).statusCode()).isEqualTo(200);
      String keyId =
          ApiClient.json(spare.get("/api/v1/certificates").body()).get(0).get("keyId").asString();
      HttpResponse<String> signed =
          spare.post(
              "/api/v1/keys/" + keyId + "/sign", Map.of("algorithm", "sha256-rsa", "data", "AQID"));
      assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);

      // With the spare in hand, the original can go.
      assertThat(spare.delete("/api/v1/passkeys/" + original).statusCode()).isEqualTo(204);
      assertThat(alice.unlock(Organisation.ACCESS_CODE).statusCode()).isEqualTo(401);
      assertThat(spare.unlock(SPARE_CODE).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aRegistrationStartedByAnotherUserCannotBeFinished() {
    try (Organisation organisation = Organisation.start("H2")) {
      ApiClient alice = organisation.user("alice@example.org");
      ApiClient bob = organisation.user("bob@example.org");
      String bobsRequest =
          ApiClient.json(bob.post("/api/v1/passkeys/spare/start", Map.of()).body())
              .get("requestId")
              .asString();
      HttpResponse<String> refused =
          alice.post(
              "/api/v1/passkeys/spare/finish",
              Map.of(
                  "requestId",
                  bobsRequest,
                  "credential",
                  Map.of("id", "AAAA"),
                  "passKeyName",
                  "Mine",
                  "accessCode",
                  SPARE_CODE));
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(ApiClient.json(refused.body()).get("detail").asString())
          .isEqualTo(
              "This PassKey request belongs to someone else; start adding the PassKey again");
      assertThat(passKeysOf(alice)).hasSize(1);
    }
  }

  private static List<UUID> passKeysOf(ApiClient user) {
    JsonNode list = ApiClient.json(user.get("/api/v1/passkeys").body());
    return list.valueStream().map(p -> UUID.fromString(p.get("id").asString())).toList();
  }
}
