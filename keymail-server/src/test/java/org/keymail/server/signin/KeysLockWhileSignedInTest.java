package org.keymail.server.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;

/**
 * A browser stays signed in when its keys lock after a while without use: the webmail is still
 * reached, everything else asks for the PassKey again; an ended session (a disabled user) signs the
 * browser out of the webmail too.
 */
class KeysLockWhileSignedInTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void theWebmailStaysOpenWhileKeysAreLocked(String product) {
    try (Organisation organisation = Organisation.start(product)) {
      TestServer server = organisation.server();
      ApiClient bob = organisation.user("bob@example.org");
      String session = bob.unlockInABrowserSession(Organisation.ACCESS_CODE);
      assertThat(get(server, "/api/v1/certificates", session).statusCode()).isEqualTo(200);

      server.clock().advance(Duration.ofMinutes(16));

      // The webmail still opens and says the keys are locked; other pages send the browser to
      // sign in; the API asks for the access code.
      HttpResponse<String> webmail = get(server, "/mail", session);
      assertThat(webmail.statusCode()).isEqualTo(200);
      assertThat(webmail.body()).contains("Keys locked").contains("bob@example.org");
      HttpResponse<String> home = get(server, "/home", session);
      assertThat(home.statusCode()).isEqualTo(302);
      assertThat(home.headers().firstValue("Location"))
          .hasValueSatisfying(l -> assertThat(l).endsWith("/signin"));
      HttpResponse<String> api = get(server, "/api/v1/certificates", session);
      assertThat(api.statusCode()).isEqualTo(401);
      assertThat(ApiClient.json(api.body()).get("error").asString()).isEqualTo("passkey_required");
      assertThat(ApiClient.json(api.body()).get("detail").asString())
          .contains("enter your access code");

      // Disabling the user ends the session: no webmail either.
      ApiClient admin = organisation.administrator();
      assertThat(admin.unlock(Organisation.ACCESS_CODE).statusCode()).isEqualTo(200);
      HttpResponse<String> disabled =
          admin.post("/api/v1/admin/users/bob@example.org/disable", Map.of());
      assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
      HttpResponse<String> mail = get(server, "/mail", session);
      assertThat(mail.statusCode()).isEqualTo(302);
      assertThat(mail.headers().firstValue("Location"))
          .hasValueSatisfying(l -> assertThat(l).endsWith("/signin"));
    }
  }

  private static HttpResponse<String> get(TestServer server, String path, String cookie) {
    return server.send(
        HttpRequest.newBuilder(server.uri(path)).header("Cookie", cookie).GET().build());
  }
}
