package org.keymail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.TestServer;
import org.keymail.server.tls.ServerCertificate;

class ServerTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void healthAnswersUpOverHttpsWithNoDetails(String product) {
    try (TestServer server = TestServer.start(product)) {
      HttpResponse<String> health = server.get("/actuator/health");

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    }
  }

  @Test
  void firstStartMakesAnEcP256CertificateForLocalhostKeptInOwnerOnlyFiles() throws Exception {
    try (TestServer server = TestServer.start("H2")) {
      Path tls = server.dataDirectory().resolve("tls");
      X509Certificate certificate = certificate(tls);

      assertThat(certificate.getPublicKey()).isInstanceOf(ECPublicKey.class);
      assertThat(
              ((ECPublicKey) certificate.getPublicKey())
                  .getParams()
                  .getCurve()
                  .getField()
                  .getFieldSize())
          .isEqualTo(256);
      assertThat(certificate.getSubjectAlternativeNames())
          .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
      assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(tls.resolve("server.p12.password"))))
          .isEqualTo("rw-------");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(tls.resolve("server.p12"))))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void laterStartsKeepTheCertificateOfTheFirst() throws Exception {
    Path data;
    X509Certificate first;
    try (TestServer server = TestServer.start("H2")) {
      data = server.dataDirectory();
      first = certificate(data.resolve("tls"));
    }
    try (RunningServer again =
        KeymailServer.start(
            ServerOptions.builder()
                .dataDirectory(data)
                .port(0)
                // The CA's plain-HTTP listener on a free port: 8080 may be taken.
                .setting("keymail.pki.port", "0")
                .build())) {
      assertThat(certificate(data.resolve("tls"))).isEqualTo(first);
    }
  }

  @Test
  void plainHttpOnTheServerPortIsRefused() throws Exception {
    try (TestServer server = TestServer.start("H2");
        Socket socket = new Socket("localhost", server.port())) {
      socket
          .getOutputStream()
          .write(
              "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);

      assertThat(answer).isEqualTo("HTTP/1.1 400");
    }
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() {
    try (TestServer server = TestServer.start("H2")) {
      HttpResponse<String> health = server.get("/actuator/health");

      assertThat(health.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(
              csp -> assertThat(csp).contains("frame-ancestors 'none'", "script-src 'self'"));
      assertThat(health.headers().firstValue("Strict-Transport-Security"))
          .hasValue("max-age=31536000 ; includeSubDomains");
      assertThat(health.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(health.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
  }

  @Test
  void thereIsNoPasswordLogin() {
    try (TestServer server = TestServer.start("H2")) {
      HttpResponse<String> loginPage = server.get("/login");
      HttpResponse<String> formPost =
          server.send(
              HttpRequest.newBuilder(server.uri("/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("username=user&password=password"))
                  .build());
      HttpResponse<String> basic =
          server.send(
              HttpRequest.newBuilder(server.uri("/api/v1/passkeys"))
                  .header("Authorization", "Basic dXNlcjpwYXNzd29yZA==")
                  .GET()
                  .build());

      assertThat(loginPage.statusCode()).isEqualTo(302);
      assertThat(loginPage.headers().firstValue("Location"))
          .hasValueSatisfying(l -> assertThat(l).endsWith("/signin"));
      assertThat(formPost.statusCode()).isIn(302, 404);
      assertThat(formPost.headers().firstValue("Set-Cookie")).isEmpty();
      assertThat(basic.statusCode()).isEqualTo(401);
      assertThat(basic.body()).doesNotContainIgnoringCase("password");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void apiCallWithoutAnUnlockSessionAsksForThePassKey(String product) {
    try (TestServer server = TestServer.start(product)) {
      HttpResponse<String> none = server.get("/api/v1/certificates");
      HttpResponse<String> forged =
          server.send(
              HttpRequest.newBuilder(server.uri("/api/v1/certificates"))
                  .header("Authorization", "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                  .GET()
                  .build());

      for (HttpResponse<String> answer : List.of(none, forged)) {
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type"))
            .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(answer.body())
            .isEqualTo(
                "{\"type\":\"tag:keymail.org,2026:problem/passkey_required\",\"title\":\"PassKey"
                    + " required\",\"status\":401,\"detail\":\"Present your PassKey to unlock your"
                    + " keys\",\"instance\":\"/api/v1/certificates\",\"error\":\"passkey_required\"}");
      }
    }
  }

  @Test
  void signInPageMakesNoSessionAndSetsAHostOnlyStrictCsrfCookie() {
    try (TestServer server = TestServer.start("H2")) {
      HttpResponse<String> page = server.get("/signin");

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body())
          .contains("Sign in with your PassKey")
          .doesNotContain("type=\"password\"");
      // Looking at a page makes no server-side session: only signing in does.
      assertThat(page.headers().allValues("Set-Cookie"))
          .singleElement()
          .satisfies(
              cookie ->
                  assertThat(cookie)
                      .startsWith("__Host-KEYMAIL_CSRF=")
                      .contains("; Path=/", "; Secure", "; HttpOnly", "; SameSite=Strict")
                      .doesNotContain("Domain="));
    }
  }

  @Test
  void aBrowserPostWithoutTheCsrfTokenIsRefused() {
    try (TestServer server = TestServer.start("H2")) {
      String cookie =
          server.get("/signin").headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

      HttpResponse<String> forged =
          server.send(
              HttpRequest.newBuilder(server.uri("/api/v1/unlock/start"))
                  .header("Cookie", cookie)
                  .header("Origin", "https://evil.example")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build());
      HttpResponse<String> remoteClient =
          server.send(
              HttpRequest.newBuilder(server.uri("/api/v1/unlock/start"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build());

      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(remoteClient.statusCode()).isEqualTo(200);
    }
  }

  private static X509Certificate certificate(Path tls) throws Exception {
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(tls.resolve("server.p12"))) {
      p12.load(in, Files.readString(tls.resolve("server.p12.password")).strip().toCharArray());
    }
    return (X509Certificate) p12.getCertificate(ServerCertificate.ALIAS);
  }
}
