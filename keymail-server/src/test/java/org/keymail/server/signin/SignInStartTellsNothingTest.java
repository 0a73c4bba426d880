package org.keymail.server.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * Starting a sign-in with an address answers in the same shape whether or not the address has an
 * account: an address without one (or invited and not yet active) gets credential ids of the same
 * count and length as a real answer, the same ones each time; the answer for a real account does
 * not depend on how the address is capitalised.
 */
class SignInStartTellsNothingTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void knownAndUnknownAddressesLookAlike(String product) {
    try (Organisation organisation = Organisation.start(product)) {
      TestServer server = organisation.server();
      organisation.user("alice@example.org");
      server.invite("invited@example.org");

      List<String> alice = allowed(server, "alice@example.org");
      List<String> shouting = allowed(server, "ALICE@Example.ORG");
      List<String> stranger = allowed(server, "mallory@example.org");
      List<String> strangerAgain = allowed(server, "mallory@example.org");
      List<String> invited = allowed(server, "invited@example.org");

      assertThat(alice).hasSize(1);
      assertThat(shouting).isEqualTo(alice);
      assertThat(stranger).isNotEmpty().hasSizeLessThanOrEqualTo(2).isEqualTo(strangerAgain);
      assertThat(stranger).doesNotContainAnyElementsOf(alice);
      assertThat(invited).isNotEmpty().hasSizeLessThanOrEqualTo(2);
      for (List<String> ids : List.of(stranger, invited)) {
        assertThat(ids)
            .allSatisfy(
                id ->
                    assertThat(Base64.getUrlDecoder().decode(id))
                        .hasSameSizeAs(Base64.getUrlDecoder().decode(alice.get(0))));
      }
      // Many strangers: some look like people with a spare PassKey, as real accounts do.
      List<Integer> counts = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        counts.add(allowed(server, "nobody" + i + "@example.org").size());
      }
      assertThat(counts).contains(1, 2);
    }
  }

  private static List<String> allowed(TestServer server, String email) {
    HttpResponse<String> started =
        server.send(
            java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/unlock/start"))
                .header("Content-Type", "application/json")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\"}"))
                .build());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    JsonNode options = ApiClient.json(started.body()).get("options").get("publicKey");
    List<String> ids = new ArrayList<>();
    JsonNode allow = options.get("allowCredentials");
    if (allow != null) {
      allow.forEach(c -> ids.add(c.get("id").asString()));
    }
    return ids;
  }
}
