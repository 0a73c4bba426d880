package org.keymail.bench.webmail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.keymail.authenticator.SoftwarePassKey;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One person at the webmail: their software PassKey, a bearer token for setting up (the API), and a
 * browser session (cookies, the CSRF token of the last page) for the webmail's pages.
 */
final class WebmailUser {

  static final String ACCESS_CODE = "Load-Test-Code-42";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
  private static final Pattern CSRF_HEADER =
      Pattern.compile("<meta name=\"_csrf_header\" content=\"([^\"]+)\"");
  private static final Pattern MESSAGE_LINK = Pattern.compile("/mail/folder/INBOX/(\\d+)\"");

  final String email;
  private final URI base;

  /** The browser's cookies (its session and CSRF cookies), sent with every page request. */
  private final Map<String, String> cookies = new LinkedHashMap<>();

  private final HttpClient http;
  private final HttpClient bearer;
  private final Path passKey;
  private String token;
  private String csrfHeader = "X-CSRF-TOKEN";
  private String csrf = "";

  WebmailUser(String email, URI base, SSLContext tls, Path folder) {
    this.email = email;
    this.base = base;
    this.http =
        HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
    this.bearer =
        HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
    this.passKey = folder.resolve(UUID.randomUUID() + ".passkey");
  }

  private String origin() {
    return "https://" + base.getHost() + ":" + base.getPort();
  }

  /** Activates a software PassKey with {@code activationCode} and its access code. */
  void activate(String activationCode) throws Exception {
    JsonNode ceremony =
        expect(api("/api/v1/activation/start", Map.of("activationCode", activationCode)), 200);
    String credential =
        SoftwarePassKey.create(
            passKey, ceremony.get("options").toString(), origin(), new SecureRandom());
    expect(
        api(
            "/api/v1/activation/finish",
            Map.of(
                "activationCode",
                activationCode,
                "requestId",
                ceremony.get("requestId").asString(),
                "credential",
                JSON.readTree(credential),
                "passKeyName",
                "Software PassKey",
                "accessCode",
                ACCESS_CODE)),
        201);
  }

  /** Unlocks for the API (a bearer token) and for the browser (the HTTP session). */
  void unlock() throws Exception {
    token = expect(unlock("token"), 200).get("token").asString();
    HttpResponse<String> browser = unlock("browser-session");
    expect(browser, 200);
    keepCookies(browser);
  }

  private HttpResponse<String> unlock(String deliver) throws Exception {
    String bearerToken = token;
    token = null;
    try {
      return unlockWithoutToken(deliver);
    } finally {
      token = bearerToken;
    }
  }

  private HttpResponse<String> unlockWithoutToken(String deliver) throws Exception {
    JsonNode ceremony = expect(api("/api/v1/unlock/start", Map.of()), 200);
    String assertion =
        SoftwarePassKey.load(passKey).assertion(ceremony.get("options").toString(), origin());
    return api(
        "/api/v1/unlock/finish",
        Map.of(
            "requestId",
            ceremony.get("requestId").asString(),
            "assertion",
            JSON.readTree(assertion),
            "accessCode",
            ACCESS_CODE,
            "deliver",
            deliver));
  }

  /** A POST to the API, with the bearer token once there is one. */
  HttpResponse<String> api(String path, Object body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    // Without a cookie or Origin the API needs no CSRF token; these calls send neither.
    return bearer.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A key in the vault and its certificate from the organisation's CA (secure-email). */
  void requestCertificate() throws Exception {
    expect(
        api(
            "/api/v1/certificate-requests",
            Map.of("template", "secure-email", "keyType", "EC_P256")),
        201);
  }

  /** The inbox's first page; returns the message numbers it links to. */
  List<Long> inbox() throws Exception {
    String page = page("/mail");
    List<Long> uids = new ArrayList<>();
    Matcher m = MESSAGE_LINK.matcher(page);
    while (m.find()) {
      uids.add(Long.parseLong(m.group(1)));
    }
    return uids;
  }

  /** Opens message {@code uid} of the inbox (decrypted and verified on the server). */
  void open(long uid) throws Exception {
    // Decrypted and judged: a page that asked for the PassKey instead shows no verdict.
    if (!page("/mail/folder/INBOX/" + uid).contains("Signed and trusted")) {
      throw new IllegalStateException("message " + uid + " of " + email + " shows no verdict");
    }
  }

  /** Sends a signed and encrypted message with {@code attachment} to {@code to}. */
  void send(String to, String subject, byte[] attachment) throws Exception {
    if (csrf.isEmpty()) {
      page("/mail/compose");
    }
    String boundary = "----keymail" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    field(body, boundary, "_csrf", csrf);
    field(body, boundary, "to", to);
    field(body, boundary, "subject", subject);
    field(body, boundary, "body", "The figures are attached.\r\n");
    field(body, boundary, "sign", "on");
    field(body, boundary, "encrypt", "on");
    field(body, boundary, "action", "send");
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"attachments\";"
                + " filename=\"figures.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(attachment);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(base.resolve("/mail/compose"))
                .header("Cookie", cookieHeader())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Origin", origin())
                .header(csrfHeader, csrf)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    keepCookies(answer);
    if (answer.statusCode() >= 400 || !answer.body().contains("was sent")) {
      if (answer.statusCode() == 302 || answer.statusCode() == 303) {
        return;
      }
      throw new IllegalStateException(
          email + " could not send (" + answer.statusCode() + "): " + excerpt(answer.body()));
    }
  }

  private static void field(ByteArrayOutputStream body, String boundary, String name, String value)
      throws IOException {
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"\r\n\r\n"
                + value
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  /** GETs a page of the browser session; keeps its CSRF token. */
  String page(String path) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(base.resolve(path))
                .header("Cookie", cookieHeader())
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    keepCookies(answer);
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + answer.statusCode() + " to " + email);
    }
    Matcher token = CSRF.matcher(answer.body());
    Matcher header = CSRF_HEADER.matcher(answer.body());
    if (token.find() && header.find()) {
      csrf = token.group(1);
      csrfHeader = header.group(1);
    }
    return answer.body();
  }

  private void keepCookies(HttpResponse<?> answer) {
    for (String set : answer.headers().allValues("Set-Cookie")) {
      String pair = set.split(";", 2)[0];
      int equals = pair.indexOf('=');
      if (equals > 0) {
        cookies.put(pair.substring(0, equals), pair.substring(equals + 1));
      }
    }
  }

  private String cookieHeader() {
    StringBuilder header = new StringBuilder();
    cookies.forEach(
        (name, value) ->
            header.append(header.isEmpty() ? "" : "; ").append(name).append('=').append(value));
    return header.toString();
  }

  private static JsonNode expect(HttpResponse<String> answer, int status) {
    if (answer.statusCode() != status) {
      throw new IllegalStateException(
          answer.request().uri().getPath()
              + " answered "
              + answer.statusCode()
              + ": "
              + excerpt(answer.body()));
    }
    return JSON.readTree(answer.body().isEmpty() ? "{}" : answer.body());
  }

  private static String excerpt(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }

  void forget() throws IOException {
    Files.deleteIfExists(passKey);
  }
}
