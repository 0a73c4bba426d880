package org.keymail.server.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;

/**
 * A request is authenticated one way only, and only a valid bearer token spares it the CSRF check:
 * a browser's session cookie with any {@code Authorization} header is judged by the header alone,
 * so an invalid token neither signs the request in through the cookie nor switches CSRF protection
 * off.
 */
class OneWayToAuthenticateTest {

  private static final Pattern META =
      Pattern.compile("<meta name=\"(_csrf(?:_header)?)\" content=\"([^\"]+)\"");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void anInvalidBearerTokenNeitherSignsInNorSkipsCsrf(String product) {
    try (Organisation organisation = Organisation.start(product)) {
      TestServer server = organisation.server();
      ApiClient bob = organisation.user("bob@example.org");
      String session = bob.unlockInABrowserSession(Organisation.ACCESS_CODE);
      HttpResponse<String> page = send(server, "GET", "/home", session, null, null, null);
      String csrfCookie =
          page.headers().allValues("Set-Cookie").stream()
              .filter(c -> c.startsWith("__Host-KEYMAIL_CSRF="))
              .map(c -> c.split(";", 2)[0])
              .findFirst()
              .orElseThrow();
      Map<String, String> meta = meta(page.body());
      String cookies = session + "; " + csrfCookie;

      // The cookie session works, and a browser POST with its CSRF token is taken.
      assertThat(
              send(server, "GET", "/api/v1/certificates", cookies, null, null, null).statusCode())
          .isEqualTo(200);
      HttpResponse<String> withToken =
          send(
              server,
              "POST",
              "/api/v1/keys",
              cookies,
              null,
              meta.get("_csrf_header"),
              meta.get("_csrf"));
      assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);

      // Without the token: refused, with or without a (bad) bearer token beside the cookie.
      HttpResponse<String> noToken =
          send(server, "POST", "/api/v1/keys", cookies, null, null, null);
      HttpResponse<String> badBearer =
          send(
              server,
              "POST",
              "/api/v1/keys",
              cookies,
              "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
              null,
              null);
      HttpResponse<String> notABearer =
          send(server, "POST", "/api/v1/keys", cookies, "Bearer not-a-token", null, null);
      for (HttpResponse<String> refused : java.util.List.of(noToken, badBearer, notABearer)) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(ApiClient.json(refused.body()).get("error").asString())
            .isEqualTo("csrf_refused");
      }

      // A bad bearer token does not fall back on the cookie: a GET is simply not signed in.
      HttpResponse<String> readWithBadBearer =
          send(
              server,
              "GET",
              "/api/v1/certificates",
              cookies,
              "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
              null,
              null);
      assertThat(readWithBadBearer.statusCode()).isEqualTo(401);

      // A valid bearer token needs no CSRF token, cookie or not.
      HttpResponse<String> bearer =
          send(server, "POST", "/api/v1/keys", cookies, "Bearer " + bob.token(), null, null);
      assertThat(bearer.statusCode()).as(bearer.body()).isEqualTo(201);
    }
  }

  private static Map<String, String> meta(String html) {
    Map<String, String> found = new java.util.HashMap<>();
    Matcher m = META.matcher(html);
    while (m.find()) {
      found.put(m.group(1), m.group(2));
    }
    assertThat(found).containsKeys("_csrf", "_csrf_header");
    return found;
  }

  private static HttpResponse<String> send(
      TestServer server,
      String method,
      String path,
      String cookies,
      String authorization,
      String csrfHeader,
      String csrfToken) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path)).header("Cookie", cookies);
    request.header("Origin", "https://localhost:" + server.port());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (csrfHeader != null) {
      request.header(csrfHeader, csrfToken);
    }
    if ("POST".equals(method)) {
      request.header("Content-Type", "application/json");
      request.POST(HttpRequest.BodyPublishers.ofString("{\"algorithm\":\"EC_P256\"}"));
    } else {
      request.GET();
    }
    return server.send(request.build());
  }
}
