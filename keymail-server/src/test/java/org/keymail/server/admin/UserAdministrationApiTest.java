package org.keymail.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import tools.jackson.databind.JsonNode;

/**
 * The administrators' user calls over real HTTPS: a disabled user's session stops at its next
 * request and their sign-in is refused, both with a sentence saying why, until an administrator
 * enables them; three wrong access codes lock a PassKey, an administrator clears the lock and the
 * audit log shows who; the audit listing's filters combine and its pages follow each other.
 */
class UserAdministrationApiTest {

  private static final String CODE = Organisation.ACCESS_CODE;

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void disabledUserIsSignedOutAndRefusedUntilEnabled(String product) {
    try (Organisation org = Organisation.start(product)) {
      ApiClient admin = org.administrator();
      ApiClient bob = org.user("bob@example.org");
      assertThat(bob.get("/api/v1/certificates").statusCode()).isEqualTo(200);

      JsonNode users = ApiClient.json(admin.get("/api/v1/admin/users").body());
      assertThat(users.valueStream().map(u -> u.get("email").asString()))
          .containsExactly("admin@keymail.localhost", "bob@example.org");
      JsonNode listedBob = users.get(1);
      assertThat(listedBob.get("role").asString()).isEqualTo("USER");
      assertThat(listedBob.get("status").asString()).isEqualTo("ACTIVE");
      assertThat(listedBob.get("passKeys").asInt()).isEqualTo(1);
      assertThat(listedBob.has("lockedUntil")).isFalse();

      HttpResponse<String> disabled =
          admin.post("/api/v1/admin/users/Bob@Example.org/disable", Map.of());
      assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
      JsonNode change = ApiClient.json(disabled.body());
      assertThat(change.get("user").get("status").asString()).isEqualTo("DISABLED");
      assertThat(change.get("previous").asString()).isEqualTo("ACTIVE");
      assertThat(change.get("sessionsEnded").asInt()).isEqualTo(1);

      String why =
          "The keymail user bob@example.org is disabled; an administrator must enable it before it"
              + " can sign in again";
      HttpResponse<String> sessionAfter = bob.get("/api/v1/certificates");
      assertThat(sessionAfter.statusCode()).isEqualTo(403);
      assertThat(ApiClient.json(sessionAfter.body()).get("error").asString())
          .isEqualTo("user_disabled");
      assertThat(ApiClient.json(sessionAfter.body()).get("detail").asString()).isEqualTo(why);
      HttpResponse<String> signIn = bob.unlock(CODE);
      assertThat(signIn.statusCode()).isEqualTo(403);
      assertThat(ApiClient.json(signIn.body()).get("error").asString()).isEqualTo("user_disabled");
      assertThat(ApiClient.json(signIn.body()).get("detail").asString()).isEqualTo(why);
      HttpResponse<String> again =
          admin.post("/api/v1/admin/users/bob@example.org/disable", Map.of());
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(ApiClient.json(again.body()).get("detail").asString())
          .isEqualTo("bob@example.org is disabled already");
      String adminId = users.get(0).get("id").asString();
      HttpResponse<String> self =
          admin.post("/api/v1/admin/users/" + adminId + "/disable", Map.of());
      assertThat(self.statusCode()).isEqualTo(409);
      HttpResponse<String> nobody =
          admin.post("/api/v1/admin/users/nobody@example.org/disable", Map.of());
      assertThat(nobody.statusCode()).isEqualTo(404);
      assertThat(ApiClient.json(nobody.body()).get("detail").asString())
          .isEqualTo("There is no keymail user nobody@example.org");

      HttpResponse<String> enabled =
          admin.post("/api/v1/admin/users/" + listedBob.get("id").asString() + "/enable", Map.of());
      assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
      assertThat(ApiClient.json(enabled.body()).get("user").get("status").asString())
          .isEqualTo("ACTIVE");
      assertThat(bob.unlock(CODE).statusCode()).isEqualTo(200);
      assertThat(bob.get("/api/v1/certificates").statusCode()).isEqualTo(200);

      JsonNode audit =
          ApiClient.json(
              admin.get("/api/v1/admin/audit?user=bob@example.org&operation=user_disable").body());
      assertThat(audit.get("events")).hasSize(1);
      JsonNode event = audit.get("events").get(0);
      assertThat(event.get("userEmail").asString()).isEqualTo("admin@keymail.localhost");
      assertThat(event.get("passKeyName").asString()).isEqualTo("Software PassKey");
      assertThat(event.get("clientAddress").asString()).isEqualTo("127.0.0.1");
      assertThat(event.get("object").asString()).isEqualTo("bob@example.org");
      assertThat(event.get("result").asString()).isEqualTo("SUCCESS");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void threeWrongCodesLockAndAnAdministratorClearsTheLockForAll(String product) {
    try (Organisation org = Organisation.start(product)) {
      ApiClient admin = org.administrator();
      ApiClient carol = org.user("carol@example.org");
      for (int i = 0; i < 3; i++) {
        carol.unlock("not-my-code");
      }
      HttpResponse<String> locked = carol.unlock(CODE);
      assertThat(locked.statusCode()).isEqualTo(423);

      JsonNode shown = ApiClient.json(admin.get("/api/v1/admin/users/carol@example.org").body());
      assertThat(shown.get("user").get("lockedUntil").asString())
          .isEqualTo(org.server().clock().instant().plus(Duration.ofMinutes(15)).toString());
      JsonNode passKey = shown.get("passKeys").get(0);
      assertThat(passKey.get("name").asString()).isEqualTo("Software PassKey");
      assertThat(passKey.get("wrongCodes").asInt()).isEqualTo(3);
      assertThat(passKey.has("lockedUntil")).isTrue();
      assertThat(passKey.has("lastUsedAt")).isTrue();
      assertThat(shown.get("certificates")).isEmpty();

      HttpResponse<String> unknownPassKey =
          admin.post("/api/v1/admin/users/carol@example.org/unlock", Map.of("passKey", "desk"));
      assertThat(unknownPassKey.statusCode()).isEqualTo(404);
      HttpResponse<String> cleared =
          admin.post(
              "/api/v1/admin/users/carol@example.org/unlock",
              Map.of("passKey", "Software PassKey"));
      assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
      JsonNode clearedJson = ApiClient.json(cleared.body());
      assertThat(clearedJson.get("cleared")).hasSize(1);
      assertThat(clearedJson.get("cleared").get(0).get("wrongCodes").asInt()).isEqualTo(3);
      assertThat(clearedJson.get("user").has("lockedUntil")).isFalse();
      assertThat(carol.unlock(CODE).statusCode()).isEqualTo(200);
      HttpResponse<String> nothing =
          admin.post("/api/v1/admin/users/carol@example.org/unlock", Map.of());
      assertThat(ApiClient.json(nothing.body()).get("cleared")).isEmpty();

      JsonNode events =
          ApiClient.json(admin.get("/api/v1/admin/audit?user=carol%40example.org&limit=50").body())
              .get("events");
      List<String> operations =
          events.valueStream().map(e -> e.get("operation").asString()).toList();
      assertThat(operations)
          .as(
              "newest first: her sign-in (PassKey, code), the clear, the refusal while locked, the lock")
          .startsWith(
              "UNLOCK",
              "AUTHENTICATE",
              "AUTHENTICATE",
              "LOCKOUT_CLEAR",
              "AUTHENTICATE",
              "AUTHENTICATE",
              "LOCKOUT");
      JsonNode clear = events.get(3);
      assertThat(clear.get("userEmail").asString()).isEqualTo("admin@keymail.localhost");
      assertThat(clear.get("passKeyName").asString()).isEqualTo("Software PassKey");
      assertThat(clear.get("clientAddress").asString()).isEqualTo("127.0.0.1");
      assertThat(clear.get("detail").asString())
          .contains("(Software PassKey) was locked until ")
          .endsWith(" after 3 wrong access codes");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void auditFiltersCombineAndPagesFollowEachOther(String product) {
    try (Organisation org = Organisation.start(product)) {
      ApiClient admin = org.administrator();
      Instant start = org.server().clock().instant();
      ApiClient dora = org.user("dora@example.org");
      // Minutes apart, within the administrator's idle time.
      org.server().clock().advance(Duration.ofMinutes(5));
      dora.unlock("wrong-once");
      Instant later = org.server().clock().instant();
      org.server().clock().advance(Duration.ofMinutes(5));
      dora.unlock("wrong-twice");

      JsonNode failures =
          ApiClient.json(
                  admin
                      .get(
                          "/api/v1/admin/audit?user=dora@example.org&result=failure&operation=AUTHENTICATE")
                      .body())
              .get("events");
      assertThat(failures).hasSize(2);
      assertThat(failures.valueStream().map(e -> e.get("detail").asString()))
          .containsOnly("wrong access code");
      JsonNode windowed =
          ApiClient.json(
                  admin
                      .get(
                          "/api/v1/admin/audit?user=dora@example.org&result=FAILURE&since="
                              + encode(later.toString())
                              + "&until="
                              + encode(later.plus(Duration.ofMinutes(3)).toString()))
                      .body())
              .get("events");
      assertThat(windowed).hasSize(1);
      assertThat(Instant.parse(windowed.get(0).get("at").asString())).isEqualTo(later);
      HttpResponse<String> beforeDora =
          admin.get("/api/v1/admin/audit?user=dora@example.org&until=" + encode(start.toString()));
      assertThat(beforeDora.statusCode()).as(beforeDora.body()).isEqualTo(200);
      assertThat(ApiClient.json(beforeDora.body()).get("events"))
          .as("nothing of dora's before she came")
          .isEmpty();

      // Pages of three, newest first, follow each other without a gap or a repeat.
      JsonNode whole = ApiClient.json(admin.get("/api/v1/admin/audit?limit=1000").body());
      assertThat(whole.has("nextBefore")).isFalse();
      List<Long> all = whole.get("events").valueStream().map(e -> e.get("seq").asLong()).toList();
      List<Long> paged = new java.util.ArrayList<>();
      String next = "/api/v1/admin/audit?limit=3";
      while (next != null) {
        JsonNode page = ApiClient.json(admin.get(next).body());
        assertThat(page.get("events").size()).isLessThanOrEqualTo(3);
        page.get("events").forEach(e -> paged.add(e.get("seq").asLong()));
        next =
            page.has("nextBefore")
                ? "/api/v1/admin/audit?limit=3&before=" + page.get("nextBefore").asLong()
                : null;
      }
      assertThat(paged).isEqualTo(all).isSortedAccordingTo(java.util.Comparator.reverseOrder());

      for (String bad :
          List.of(
              "limit=0",
              "limit=1001",
              "result=MAYBE",
              "since=yesterday",
              "operation=a%20b",
              "before=-1")) {
        HttpResponse<String> refused = admin.get("/api/v1/admin/audit?" + bad);
        assertThat(refused.statusCode()).as(bad + ": " + refused.body()).isEqualTo(400);
        assertThat(ApiClient.json(refused.body()).get("error").asString()).isEqualTo("bad_request");
      }
      assertThat(admin.get("/api/v1/admin/audit?user=nobody@example.org").statusCode())
          .isEqualTo(404);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
