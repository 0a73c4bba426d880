package org.keymail.server.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiCalls;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms;
import org.keymail.server.webmail.compose.WebmailTesting;

/**
 * Every administrators' API call and page, found from the controllers themselves (so one added
 * later is covered without a change here), refuses a signed-in user who is no administrator with
 * 403 before it looks at anything else — an empty body, a malformed one or an unknown id get the
 * same 403, never a 400 or 404 that would say more — and asks a caller without a session for the
 * PassKey.
 */
class AdministratorsOnlyTest {

  private static final List<String> BODIES = List.of("", "{}", "{\"email\": 17", "[]");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void everyAdministratorsCallRefusesAUserFirst(String product) {
    try (Organisation organisation = Organisation.start(product)) {
      TestServer server = organisation.server();
      ApiClient bob = organisation.user("bob@example.org");
      List<String> calls =
          ApiCalls.restCalls().stream().filter(c -> c.contains(" /api/v1/admin/")).toList();
      assertThat(calls).hasSizeGreaterThan(10);
      // The calls for administration from the terminal are among those walked.
      assertThat(calls)
          .contains(
              "GET /api/v1/admin/users",
              "GET /api/v1/admin/users/{user}",
              "POST /api/v1/admin/users/{user}/disable",
              "POST /api/v1/admin/users/{user}/enable",
              "POST /api/v1/admin/users/{user}/unlock",
              "GET /api/v1/admin/audit",
              "POST /api/v1/admin/templates");

      for (String call : calls) {
        String method = call.substring(0, call.indexOf(' '));
        String path = concrete(call.substring(call.indexOf(' ') + 1));
        for (String body : BODIES) {
          HttpResponse<String> asBob = send(server, method, path, body, bob.token());
          assertThat(asBob.statusCode())
              .as(call + " with " + body + ": " + asBob.body())
              .isEqualTo(403);
          assertThat(ApiClient.json(asBob.body()).get("error").asString()).isEqualTo("forbidden");
        }
        HttpResponse<String> anonymous = send(server, method, path, "{}", null);
        assertThat(anonymous.statusCode()).as(call + " without a session").isEqualTo(401);
      }

      // Query parameters, sensible or not, change nothing: still 403 before they are read.
      for (String query :
          List.of(
              "?user=carol@example.org&since=24h",
              "?operation=LOCKOUT&result=denied&limit=5&before=10",
              "?limit=many&since=yesterday&result=maybe",
              "?user=nobody@example.org")) {
        for (String path : List.of("/api/v1/admin/audit", "/api/v1/admin/users")) {
          HttpResponse<String> asBob = send(server, "GET", path + query, null, bob.token());
          assertThat(asBob.statusCode()).as(path + query + ": " + asBob.body()).isEqualTo(403);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void administratorsPagesRefuseAUser(String product) {
    try (Organisation organisation = Organisation.start(product)) {
      TestServer server = organisation.server();
      ApiClient bob = organisation.user("bob@example.org");
      List<String> pages =
          ApiCalls.pages().stream()
              .filter(c -> c.endsWith(" /admin") || c.contains(" /admin/"))
              .toList();
      // The console's pages and forms are among those walked.
      assertThat(pages)
          .contains(
              "GET /admin",
              "GET /admin/users",
              "POST /admin/users",
              "GET /admin/users/{user}",
              "POST /admin/users/{user}/disable",
              "POST /admin/users/{user}/enable",
              "POST /admin/users/{user}/unlock",
              "GET /admin/audit",
              "POST /admin/audit/verify",
              "GET /admin/audit/export",
              "GET /admin/policies",
              "POST /admin/policies/{name}");
      // In bob's own signed-in browser, with the form token his pages hand out: still refused.
      WebmailForms browser = WebmailTesting.browser(server, bob);
      assertThat(browser.get("/mail/options").statusCode()).isEqualTo(200);

      for (String page : pages) {
        String method = page.substring(0, page.indexOf(' '));
        String path = concrete(page.substring(page.indexOf(' ') + 1));
        HttpResponse<String> asBob = send(server, method, path, null, bob.token());
        assertThat(asBob.statusCode()).as(page).isEqualTo(403);
        assertThat(asBob.body()).doesNotContain("<form", "pending", "Revoke");
        HttpResponse<String> inBrowser =
            method.equals("GET")
                ? browser.get(path)
                : browser.postForm(
                    path, WebmailTesting.fields("email", "mallory@example.org", "value", "1"));
        assertThat(inBrowser.statusCode()).as(page + " in a browser").isEqualTo(403);
        assertThat(inBrowser.body()).doesNotContain("<form", "activation-code", "USER_");
      }
      // Nothing the forms would change has changed.
      String bobNow =
          organisation.administrator().get("/api/v1/admin/users/bob@example.org").body();
      assertThat(ApiClient.json(bobNow).get("user").get("status").asString()).isEqualTo("ACTIVE");
      assertThat(organisation.administrator().get("/api/v1/admin/users").body())
          .doesNotContain("mallory@example.org");
    }
  }

  /** A path with its variables filled in by something plausible. */
  private static String concrete(String template) {
    return template
        .replace("{userId}", "00000000-0000-0000-0000-000000000001")
        .replace("{user}", "bob@example.org")
        .replace("{keyId}", "00000000-0000-0000-0000-000000000002")
        .replace("{id}", "00000000-0000-0000-0000-000000000003")
        .replace("{serial}", "0badc0ffee")
        .replace("{name}", "secure-email")
        .replace("{sha256}", "ab".repeat(32))
        .replace("{aaguid}", "cb69481e-8ff7-4039-93ec-0a2729a154a8")
        // Any variable a newer page brings: an id-shaped value, so the page is walked, not skipped.
        .replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000004");
  }

  private static HttpResponse<String> send(
      TestServer server, String method, String path, String body, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body == null || body.isEmpty()) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return server.send(request.build());
  }
}
