package org.keymail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import tools.jackson.databind.JsonNode;

/**
 * What people type is checked where it enters: an address too long for mail, a display name or
 * PassKey name with a line break or a direction override, each get a 400 that says what is wrong —
 * never a database error, never stored.
 */
class InputLimitsTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void namesAndAddressesAreCheckedWhereTheyEnter(String product) {
    try (Organisation organisation = Organisation.start(product)) {
      ApiClient admin = organisation.administrator();
      String longest =
          "a".repeat(64)
              + "@"
              + "b".repeat(63)
              + "."
              + "c".repeat(63)
              + "."
              + "d".repeat(57)
              + ".org";
      assertThat(longest).hasSize(254);

      HttpResponse<String> tooLong =
          admin.post(
              "/api/v1/admin/users", Map.of("email", "x" + "y".repeat(255) + "@example.org"));
      HttpResponse<String> lineBreak =
          admin.post(
              "/api/v1/admin/users",
              Map.of("email", "carol@example.org", "displayName", "Carol\r\nBcc: all@example.org"));
      HttpResponse<String> override =
          admin.post(
              "/api/v1/admin/users",
              Map.of("email", "carol@example.org", "displayName", "Carol \u202Egro.elpmaxe@evil"));
      HttpResponse<String> fits = admin.post("/api/v1/admin/users", Map.of("email", longest));
      HttpResponse<String> lookAlike =
          admin.post("/api/v1/admin/users", Map.of("email", "\u0430lice@example.org"));
      HttpResponse<String> script =
          admin.post("/api/v1/admin/users", Map.of("email", "<script>@example.org"));
      HttpResponse<String> international =
          admin.post("/api/v1/admin/users", Map.of("email", "Anna@B\u00FCcher.example"));

      assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
      assertThat(ApiClient.json(tooLong.body()).get("error").asString())
          .isIn("bad_address", "bad_request");
      assertThat(lineBreak.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(lineBreak.body()).get("detail").asString())
          .isEqualTo("A display name cannot contain the character U+000D (CARRIAGE RETURN (CR))");
      assertThat(override.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(override.body()).get("detail").asString()).contains("U+202E");
      // The longest address mail allows, named by itself for lack of a display name, is kept.
      assertThat(fits.statusCode()).as(fits.body()).isEqualTo(201);
      assertThat(lookAlike.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(lookAlike.body()).get("error").asString()).isEqualTo("bad_address");
      assertThat(ApiClient.json(lookAlike.body()).get("detail").asString())
          .contains("U+0430 CYRILLIC SMALL LETTER A");
      assertThat(script.statusCode()).isEqualTo(400);
      assertThat(international.statusCode()).as(international.body()).isEqualTo(201);
      assertThat(ApiClient.json(international.body()).get("email").asString())
          .isEqualTo("anna@xn--bcher-kva.example");

      JsonNode passKeys = ApiClient.json(admin.get("/api/v1/passkeys").body());
      String id = passKeys.get(0).get("id").asString();
      HttpResponse<String> rename =
          admin.patch("/api/v1/passkeys/" + id, Map.of("name", "desk\nkey"));
      assertThat(rename.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(rename.body()).get("detail").asString())
          .isEqualTo("A PassKey's name cannot contain the character U+000A (LINE FEED (LF))");
      assertThat(ApiClient.json(admin.get("/api/v1/passkeys").body()).get(0).get("name").asString())
          .isEqualTo(passKeys.get(0).get("name").asString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aUserNamedByALongAddressGetsACertificate(String product) {
    try (Organisation organisation = Organisation.start(product)) {
      String address =
          "a".repeat(64)
              + "@"
              + "b".repeat(63)
              + "."
              + "c".repeat(63)
              + "."
              + "d".repeat(57)
              + ".org";
      ApiClient user = organisation.user(address);

      HttpResponse<String> requested =
          user.post("/api/v1/certificate-requests", Map.of("template", "secure-email"));

      assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
    }
  }
}
