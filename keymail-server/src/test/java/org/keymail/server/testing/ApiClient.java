package org.keymail.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.keymail.authenticator.SoftwarePassKey;
import org.keymail.authenticator.SoftwarePassKeyException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A remote client of a {@link TestServer}'s API, with a software PassKey file as its PassKey (the
 * same verification path as a browser's security key). Keeps every answer it received, so tests can
 * scan them.
 */
public final class ApiClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TestServer server;
  private final Path passKeyFile;
  private final List<HttpResponse<String>> answers = new ArrayList<>();
  private String token;

  public ApiClient(TestServer server) {
    this(server, server.dataDirectory().resolve("client-" + UUID.randomUUID() + ".passkey"));
  }

  private ApiClient(TestServer server, Path passKeyFile) {
    this.server = server;
    this.passKeyFile = passKeyFile;
  }

  /**
   * The same person on another node of the organisation: the same PassKey file and, once unlocked,
   * the same bearer token.
   */
  public ApiClient on(TestServer node) {
    ApiClient there = new ApiClient(node, passKeyFile);
    there.token = token;
    return there;
  }

  public static JsonNode json(String body) {
    return JSON.readTree(body);
  }

  /** Every answer so far, in order. */
  public List<HttpResponse<String>> answers() {
    return answers;
  }

  /** The bearer token of the open session; null before {@link #unlock}. */
  public String token() {
    return token;
  }

  /** Activates a new software PassKey with {@code activationCode} and sets {@code accessCode}. */
  public HttpResponse<String> activate(String activationCode, String accessCode) {
    return activate(activationCode, accessCode, UnaryOperator.identity());
  }

  /**
   * Activates as {@link #activate(String, String)} does, with the credential the software PassKey
   * made passed through {@code authenticator} first: a test's stand-in for another model (another
   * attestation, say) over the same key.
   */
  public HttpResponse<String> activate(
      String activationCode, String accessCode, UnaryOperator<String> authenticator) {
    HttpResponse<String> started =
        post("/api/v1/activation/start", Map.of("activationCode", activationCode));
    JsonNode ceremony = json(started.body());
    String credential;
    try {
      credential =
          SoftwarePassKey.create(
              passKeyFile, ceremony.get("options").toString(), origin(), new SecureRandom());
    } catch (SoftwarePassKeyException e) {
      throw new IllegalStateException(e);
    }
    return post(
        "/api/v1/activation/finish",
        Map.of(
            "activationCode",
            activationCode,
            "requestId",
            ceremony.get("requestId").asString(),
            "credential",
            json(authenticator.apply(credential)),
            "passKeyName",
            "Software PassKey",
            "accessCode",
            accessCode));
  }

  /**
   * Registers {@code spare}'s software PassKey as a spare of this signed-in client's user, named
   * {@code name}, with {@code accessCode}; the answer of the finish call, or of the start when it
   * refused.
   */
  public HttpResponse<String> addSparePassKey(ApiClient spare, String name, String accessCode) {
    HttpResponse<String> started = post("/api/v1/passkeys/spare/start", Map.of());
    if (started.statusCode() != 200) {
      return started;
    }
    JsonNode ceremony = json(started.body());
    String credential;
    try {
      credential =
          SoftwarePassKey.create(
              spare.passKeyFile, ceremony.get("options").toString(), origin(), new SecureRandom());
    } catch (SoftwarePassKeyException e) {
      throw new IllegalStateException(e);
    }
    return post(
        "/api/v1/passkeys/spare/finish",
        Map.of(
            "requestId",
            ceremony.get("requestId").asString(),
            "credential",
            json(credential),
            "passKeyName",
            name,
            "accessCode",
            accessCode));
  }

  /**
   * Presents the software PassKey and {@code accessCode} as a browser page does, so the session
   * stays in the server's HTTP session; returns the session cookie ({@code KEYMAIL_SESSION=...}).
   */
  public String unlockInABrowserSession(String accessCode) {
    return unlockInABrowserSession(accessCode, null);
  }

  /**
   * As {@link #unlockInABrowserSession(String)}, in the browser session of {@code sessionCookie}
   * (keys that locked while the browser stayed signed in): returns the session cookie, whose id
   * changes at the unlock.
   */
  public String unlockInABrowserSession(String accessCode, String sessionCookie) {
    return unlockInABrowserSession(accessCode, sessionCookie, this);
  }

  /**
   * As {@link #unlockInABrowserSession(String, String)}, with the PassKey ceremony started by
   * {@code startedBy} (the same person on another node) and finished here.
   */
  public String unlockInABrowserSession(
      String accessCode, String sessionCookie, ApiClient startedBy) {
    HttpResponse<String> started = startedBy.post("/api/v1/unlock/start", Map.of(), sessionCookie);
    JsonNode ceremony = json(started.body());
    String assertion;
    try {
      assertion =
          SoftwarePassKey.load(passKeyFile).assertion(ceremony.get("options").toString(), origin());
    } catch (SoftwarePassKeyException e) {
      throw new IllegalStateException(e);
    }
    HttpResponse<String> answer =
        post(
            "/api/v1/unlock/finish",
            Map.of(
                "requestId",
                ceremony.get("requestId").asString(),
                "assertion",
                json(assertion),
                "accessCode",
                accessCode,
                "deliver",
                "browser-session"),
            sessionCookie);
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "unlock answered " + answer.statusCode() + ": " + answer.body());
    }
    return answer.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("KEYMAIL_SESSION="))
        .map(c -> c.split(";", 2)[0])
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no session cookie"));
  }

  /** Presents the software PassKey and {@code accessCode}; keeps the token when it works. */
  public HttpResponse<String> unlock(String accessCode) {
    HttpResponse<String> started = post("/api/v1/unlock/start", Map.of());
    if (started.statusCode() != 200) {
      return started;
    }
    JsonNode ceremony = json(started.body());
    String assertion;
    try {
      assertion =
          SoftwarePassKey.load(passKeyFile).assertion(ceremony.get("options").toString(), origin());
    } catch (SoftwarePassKeyException e) {
      throw new IllegalStateException(e);
    }
    HttpResponse<String> answer =
        post(
            "/api/v1/unlock/finish",
            Map.of(
                "requestId",
                ceremony.get("requestId").asString(),
                "assertion",
                json(assertion),
                "accessCode",
                accessCode));
    if (answer.statusCode() == 200) {
      token = json(answer.body()).get("token").asString();
    }
    return answer;
  }

  public HttpResponse<String> get(String path) {
    return send(authorised(HttpRequest.newBuilder(server.uri(path))).GET().build());
  }

  public HttpResponse<String> post(String path, Object body) {
    return post(path, body, null);
  }

  private HttpResponse<String> post(String path, Object body, String cookie) {
    HttpRequest.Builder request =
        authorised(HttpRequest.newBuilder(server.uri(path)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return send(request.build());
  }

  public HttpResponse<String> patch(String path, Object body) {
    return send(
        authorised(HttpRequest.newBuilder(server.uri(path)))
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
  }

  public HttpResponse<String> put(String path, Object body) {
    return send(
        authorised(HttpRequest.newBuilder(server.uri(path)))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
  }

  public HttpResponse<String> delete(String path) {
    return send(authorised(HttpRequest.newBuilder(server.uri(path))).DELETE().build());
  }

  /** Uploads {@code p12} with its password as multipart/form-data. */
  public HttpResponse<String> importPkcs12(byte[] p12, String password) {
    String boundary = "keymail-" + UUID.randomUUID();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n"
                + password
                + "\r\n"
                + "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"me.p12\"\r\n"
                + "Content-Type: application/x-pkcs12\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + p12.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(p12, 0, body, head.length, p12.length);
    System.arraycopy(tail, 0, body, head.length + p12.length, tail.length);
    return send(
        authorised(HttpRequest.newBuilder(server.uri("/api/v1/certificates/import")))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  private HttpRequest.Builder authorised(HttpRequest.Builder request) {
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> send(HttpRequest request) {
    HttpResponse<String> answer = server.send(request);
    answers.add(answer);
    return answer;
  }

  private String origin() {
    return "https://localhost:" + server.port();
  }

  /** Deletes the PassKey file (tests of a missing PassKey). */
  public void losePassKey() {
    try {
      Files.deleteIfExists(passKeyFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
