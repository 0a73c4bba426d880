package org.keymail.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.RawHttps;
import org.keymail.server.testing.TestServer;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;
import org.keymail.testing.Openssl;

/**
 * What one client may send: bodies over their cap are refused with 413 before anything parses them
 * (declared or counted), sign-in calls over their rate get 429 with {@code Retry-After} per client
 * and per account, a PKCS#12 file asking for too many iterations is refused before they run, and
 * looking at a page makes no session.
 */
class LimitsTest {

  @TempDir Path files;

  @Test
  void bodiesOverTheirCapAreRefusedBeforeSignIn() {
    try (TestServer server = TestServer.start("H2")) {
      byte[] big =
          ("{\"email\":\"" + "a".repeat(200_000) + "\"}").getBytes(StandardCharsets.US_ASCII);

      HttpResponse<String> declared =
          server.send(
              HttpRequest.newBuilder(server.uri("/api/v1/unlock/start"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                  .build());
      RawHttps.Answer chunked =
          RawHttps.send(
              server,
              "POST /api/v1/unlock/start HTTP/1.1\r\nContent-Type: application/json\r\n"
                  + "Transfer-Encoding: chunked\r\n",
              chunked(big));

      assertThat(declared.statusCode()).isEqualTo(413);
      assertThat(ApiClient.json(declared.body()).get("detail").asString())
          .isEqualTo("The request body is larger than this call accepts (at most 64 KiB).");
      assertThat(chunked.status()).isEqualTo(413);
      assertThat(ApiClient.json(chunked.body()).get("error").asString()).isEqualTo("too_large");
    }
  }

  @Test
  void aSignedInUsersSignBodyHasTheSameCap() {
    try (Organisation organisation = Organisation.start("H2")) {
      ApiClient bob = organisation.user("bob@example.org");
      HttpResponse<String> answer =
          bob.post(
              "/api/v1/keys/00000000-0000-0000-0000-000000000001/sign",
              Map.of("algorithm", "sha256-rsa", "data", "A".repeat(1_000_000)));
      assertThat(answer.statusCode()).isEqualTo(413);
    }
  }

  @Test
  void signInStartsOverTheRateGet429WithRetryAfter() {
    try (TestServer server =
        TestServer.start(
            "H2",
            Map.of(
                "keymail.limits.sign-in-per-minute", "5",
                "keymail.limits.sign-in-per-account-per-minute", "3"))) {
      List<Integer> oneAccount = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        oneAccount.add(start(server, "alice@example.org").statusCode());
      }
      HttpResponse<String> refused = start(server, "alice@example.org");
      List<Integer> otherAccounts = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        otherAccounts.add(start(server, "user" + i + "@example.org").statusCode());
      }

      // Per account: three, then 429 for Alice's address whoever asks.
      assertThat(oneAccount).containsExactly(200, 200, 200, 429);
      // Per client: five calls in all (the 429 counted too), then 429 for any address.
      assertThat(otherAccounts).containsExactly(429, 429, 429);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After"))
          .hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
      assertThat(ApiClient.json(refused.body()).get("error").asString())
          .isEqualTo("too_many_requests");
      assertThat(ApiClient.json(refused.body()).get("retryAfter").asInt()).isBetween(1, 60);
    }
  }

  @Test
  void lookingAtPagesMakesNoSession() {
    try (TestServer server = TestServer.start("H2")) {
      for (String path : List.of("/", "/signin", "/activate", "/home", "/api/v1/openapi.yaml")) {
        HttpResponse<String> answer = server.get(path);
        assertThat(answer.headers().allValues("Set-Cookie"))
            .as(path)
            .noneMatch(cookie -> cookie.startsWith("KEYMAIL_SESSION="));
      }
    }
  }

  @Test
  void pkcs12AskingForTooManyIterationsIsRefusedWithASentence() throws Exception {
    try (Organisation organisation =
        Organisation.start("H2", Map.of("keymail.limits.pkcs12-iterations", "10000"))) {
      ApiClient bob = organisation.user("bob@example.org");
      Identity identity = TestPki.create().user("bob@example.org", KeyType.EC_P256);
      Path key = PemFiles.write(files.resolve("bob.key"), identity.privateKey());
      Path certificate = PemFiles.write(files.resolve("bob.pem"), identity.certificate());
      byte[] p12 = new Openssl(files).exportPkcs12(key, certificate, "pw", "-iter", "50000");

      HttpResponse<String> answer = bob.importPkcs12(p12, "pw");

      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(answer.body()).get("detail").asString())
          .isEqualTo(
              "the PKCS#12 file asks for 50000 password iterations in its integrity check; keymail"
                  + " reads files with at most 10000 (export it again with the usual settings)");
    }
  }

  private static HttpResponse<String> start(TestServer server, String email) {
    return server.send(
        HttpRequest.newBuilder(server.uri("/api/v1/unlock/start"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\"}"))
            .build());
  }

  private static byte[] chunked(byte[] body) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int at = 0; at < body.length; at += 8192) {
      int n = Math.min(8192, body.length - at);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, at, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
