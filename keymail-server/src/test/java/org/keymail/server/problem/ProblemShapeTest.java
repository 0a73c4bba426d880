package org.keymail.server.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.RawHttps;
import org.keymail.server.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * Every error the server gives has one shape, an RFC 9457 problem, whoever found it: a controller,
 * the security chain, a limit, or the servlet container before any servlet ran. None names a
 * library, a class or a line of code; none leaves a stack trace in the log.
 */
class ProblemShapeTest {

  private static Organisation organisation;
  private static TestServer server;
  private static ApiClient bob;

  @BeforeAll
  static void start() {
    organisation = Organisation.start("H2");
    server = organisation.server();
    bob = organisation.user("bob@example.org");
  }

  @AfterAll
  static void stop() {
    organisation.close();
  }

  @Test
  void unknownApiCallIsA404Problem() {
    // Signed in: without a session, the answer is to sign in first, whatever the address.
    assertProblem(bob.get("/api/v1/no-such-call"), 404, "not_found");
    assertProblem(server.get("/api/v1/no-such-call"), 401, "passkey_required");
  }

  @Test
  void wrongMethodIsA405Problem() {
    HttpResponse<String> answer = bob.delete("/api/v1/templates");
    assertProblem(answer, 405, "method_not_allowed");
  }

  @Test
  void wrongMediaTypeIsA415Problem() {
    HttpResponse<String> answer =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/unlock/start"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))
                .build());
    assertProblem(answer, 415, "unsupported_media_type");
  }

  @Test
  void brokenJsonIsA400Problem() {
    HttpResponse<String> answer =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/unlock/start"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\": "))
                .build());
    JsonNode problem = assertProblem(answer, 400, "bad_request");
    assertThat(problem.get("detail").asString())
        .isEqualTo("The request body is not the JSON this call expects.");
  }

  @Test
  void missingCsrfTokenIsA403Problem() {
    String csrf =
        server.get("/signin").headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    HttpResponse<String> answer =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/unlock/start"))
                .header("Cookie", csrf)
                .header("Origin", "https://evil.example")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertProblem(answer, 403, "csrf_refused");
  }

  @Test
  void aNulInThePathIsAProblemFromTheContainer() {
    RawHttps.Answer answer = RawHttps.send(server, "GET /api/v1/%00 HTTP/1.1\r\n", new byte[0]);
    assertProblem(answer, 400, "bad_request");
  }

  @Test
  void aBrokenPercentEscapeInAPageQueryIsA400Problem() {
    for (String target : List.of("/signin?next=%zz", "/signin?%zz=1", "/api/v1/templates?x=%zz")) {
      RawHttps.Answer answer =
          RawHttps.send(server, "GET " + target + " HTTP/1.1\r\n", new byte[0]);
      assertThat(answer.status()).as(target).isEqualTo(400);
      assertProblem(answer, 400, "bad_request");
    }
  }

  @Test
  void anOversizedHeaderIsAProblemFromTheContainer() {
    RawHttps.Answer answer =
        RawHttps.send(
            server,
            "GET /api/v1/templates HTTP/1.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n",
            new byte[0]);
    assertThat(answer.status()).isIn(400, 431);
    assertProblem(
        answer, answer.status(), answer.status() == 431 ? "header_too_large" : "bad_request");
  }

  @Test
  void multipartWithoutABoundaryIsA400Problem() {
    byte[] body =
        "--x\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\npw\r\n--x--\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    RawHttps.Answer answer =
        RawHttps.send(
            server,
            "POST /api/v1/certificates/import HTTP/1.1\r\nAuthorization: Bearer "
                + bob.token()
                + "\r\nContent-Type: multipart/form-data\r\nContent-Length: "
                + body.length
                + "\r\n",
            body);
    assertProblem(answer, 400, "bad_request");
  }

  @Test
  void truncatedMultipartIsA400Problem() {
    byte[] body =
        ("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"me.p12\"\r\n"
                + "Content-Type: application/x-pkcs12\r\n\r\n0123456789")
            .getBytes(StandardCharsets.US_ASCII);
    RawHttps.Answer answer =
        RawHttps.send(
            server,
            "POST /api/v1/certificates/import HTTP/1.1\r\nAuthorization: Bearer "
                + bob.token()
                + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: "
                + body.length
                + "\r\n",
            body);
    assertProblem(answer, 400, "bad_request");
  }

  @Test
  void noStackTraceReachesTheLogForAnyOfThem() throws Exception {
    unknownApiCallIsA404Problem();
    wrongMethodIsA405Problem();
    wrongMediaTypeIsA415Problem();
    brokenJsonIsA400Problem();
    aNulInThePathIsAProblemFromTheContainer();
    multipartWithoutABoundaryIsA400Problem();
    truncatedMultipartIsA400Problem();

    String log = Files.readString(server.dataDirectory().resolve("keymail.log"));
    // One JSON object a line: a stack trace's lines are escaped inside its error.stack_trace.
    assertThat(log).doesNotContain("\\tat ").doesNotContain("\"ERROR\"");
  }

  /** The answer is a problem of {@code status} and {@code error}, with nothing internal in it. */
  static JsonNode assertProblem(HttpResponse<String> answer, int status, String error) {
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    return assertBody(answer.statusCode(), answer.body(), status, error);
  }

  static JsonNode assertProblem(RawHttps.Answer answer, int status, String error) {
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    return assertBody(answer.status(), answer.body(), status, error);
  }

  private static JsonNode assertBody(int actualStatus, String body, int status, String error) {
    assertThat(actualStatus).as(body).isEqualTo(status);
    JsonNode problem = ApiClient.json(body);
    List<String> members = new ArrayList<>();
    problem.propertyNames().forEach(members::add);
    assertThat(members).contains("type", "title", "status", "detail", "error");
    assertThat(problem.get("type").asString()).isEqualTo("tag:keymail.org,2026:problem/" + error);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("error").asString()).isEqualTo(error);
    assertThat(problem.get("title").asString()).isNotBlank();
    assertThat(problem.get("detail").asString())
        .isNotBlank()
        .doesNotContainIgnoringCase("exception")
        .doesNotContain(
            "springframework", "apache", "tomcat", "jackson", "bouncycastle", "null", "\tat ");
    return problem;
  }
}
