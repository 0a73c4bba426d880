package org.keymail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.TestServer;
import tools.jackson.databind.JsonNode;

/** The REST API with a software PassKey: activation, unlock, lockout, PassKeys, typed errors. */
class ApiTest {

  private static final String CODE = "Correct-Horse-7";

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void activatedUserUnlocksAndGetsABearerTokenThatOpensTheApi(String product) {
    try (TestServer server = TestServer.start(product)) {
      ApiClient client = new ApiClient(server);

      HttpResponse<String> activated = client.activate(server.invite("dora@example.org"), CODE);
      HttpResponse<String> unlocked = client.unlock(CODE);
      HttpResponse<String> passKeys = client.get("/api/v1/passkeys");

      assertThat(activated.statusCode()).isEqualTo(201);
      assertThat(unlocked.statusCode()).isEqualTo(200);
      assertThat(client.token()).hasSize(43);
      assertThat(passKeys.statusCode()).isEqualTo(200);
      JsonNode list = ApiClient.json(passKeys.body());
      assertThat(list).hasSize(1);
      assertThat(list.get(0).get("name").asString()).isEqualTo("Software PassKey");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void wrongCodesCountDownThenLockWith423UntilFifteenMinutesPass(String product) {
    try (TestServer server = TestServer.start(product)) {
      ApiClient client = new ApiClient(server);
      client.activate(server.invite("erin@example.org"), CODE);

      HttpResponse<String> first = client.unlock("correct-horse-7");
      HttpResponse<String> second = client.unlock("nope");
      HttpResponse<String> third = client.unlock("nope again");
      HttpResponse<String> rightButLocked = client.unlock(CODE);
      server.clock().advance(Duration.ofMinutes(15));
      HttpResponse<String> afterTheLock = client.unlock(CODE);

      assertThat(first.statusCode()).isEqualTo(401);
      assertThat(ApiClient.json(first.body()).get("error").asString())
          .isEqualTo("wrong_access_code");
      assertThat(ApiClient.json(first.body()).get("attemptsLeft").asInt()).isEqualTo(2);
      assertThat(ApiClient.json(second.body()).get("attemptsLeft").asInt()).isEqualTo(1);
      assertThat(third.statusCode()).isEqualTo(423);
      JsonNode locked = ApiClient.json(third.body());
      assertThat(locked.get("error").asString()).isEqualTo("passkey_locked");
      assertThat(locked.get("lockedUntil").asString())
          .isEqualTo(server.clock().instant().toString());
      assertThat(locked.get("detail").asString())
          .startsWith("PassKey locked until ")
          .endsWith(" after 3 wrong access codes");
      assertThat(rightButLocked.statusCode()).isEqualTo(423);
      assertThat(afterTheLock.statusCode()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void passKeysAreRenamedAndRevokedAndARevokedPassKeyEndsItsSession(String product) {
    try (TestServer server = TestServer.start(product)) {
      ApiClient client = new ApiClient(server);
      client.activate(server.invite("fay@example.org"), CODE);
      client.unlock(CODE);
      String id = ApiClient.json(client.get("/api/v1/passkeys").body()).get(0).get("id").asString();

      HttpResponse<String> renamed =
          client.patch("/api/v1/passkeys/" + id, Map.of("name", "Laptop key"));
      String name =
          ApiClient.json(client.get("/api/v1/passkeys").body()).get(0).get("name").asString();
      HttpResponse<String> revoked = client.delete("/api/v1/passkeys/" + id);
      HttpResponse<String> afterwards = client.get("/api/v1/passkeys");

      assertThat(renamed.statusCode()).isEqualTo(204);
      assertThat(name).isEqualTo("Laptop key");
      assertThat(revoked.statusCode()).isEqualTo(204);
      assertThat(afterwards.statusCode()).isEqualTo(401);
      assertThat(ApiClient.json(afterwards.body()).get("error").asString())
          .isEqualTo("passkey_required");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void endingTheSessionLocksTheKeysAtOnce(String product) {
    try (TestServer server = TestServer.start(product)) {
      ApiClient client = new ApiClient(server);
      client.activate(server.invite("hal@example.org"), CODE);
      client.unlock(CODE);

      HttpResponse<String> before = client.get("/api/v1/passkeys");
      HttpResponse<String> ended = client.delete("/api/v1/unlock");
      HttpResponse<String> after = client.get("/api/v1/passkeys");
      HttpResponse<String> endedAgain = client.delete("/api/v1/unlock");

      assertThat(before.statusCode()).isEqualTo(200);
      assertThat(ended.statusCode()).isEqualTo(204);
      assertThat(after.statusCode()).isEqualTo(401);
      assertThat(ApiClient.json(after.body()).get("error").asString())
          .isEqualTo("passkey_required");
      assertThat(endedAgain.statusCode()).isEqualTo(401);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aCertificateIssuedForAGeneratedKeyInstallsAndOneForAnotherKeyIsRefused(String product)
      throws Exception {
    try (TestServer server = TestServer.start(product)) {
      ApiClient client = new ApiClient(server);
      client.activate(server.invite("gil@example.org"), CODE);
      client.unlock(CODE);
      JsonNode generated =
          ApiClient.json(client.post("/api/v1/keys", Map.of("algorithm", "EC_P256")).body());
      PKCS10CertificationRequest request;
      try (PEMParser pem =
          new PEMParser(new StringReader(generated.get("certificationRequest").asString()))) {
        request = (PKCS10CertificationRequest) pem.readObject();
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      KeyPair ca = generator.generateKeyPair();

      HttpResponse<String> installed =
          client.post(
              "/api/v1/certificates",
              Map.of("certificate", pem(issue(ca, request.getSubjectPublicKeyInfo()))));
      HttpResponse<String> foreign =
          client.post(
              "/api/v1/certificates",
              Map.of(
                  "certificate",
                  pem(
                      issue(
                          ca,
                          SubjectPublicKeyInfo.getInstance(
                              generator.generateKeyPair().getPublic().getEncoded())))));
      JsonNode list = ApiClient.json(client.get("/api/v1/certificates").body());

      assertThat(installed.statusCode()).isEqualTo(201);
      assertThat(ApiClient.json(installed.body()).get("keyId").asString())
          .isEqualTo(generated.get("keyId").asString());
      assertThat(foreign.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(foreign.body()).get("error").asString())
          .isEqualTo("bad_certificate");
      assertThat(list).hasSize(1);
      assertThat(list.get(0).get("subject").asString()).contains("CN=gil@example.org");
    }
  }

  private static X509Certificate issue(KeyPair ca, SubjectPublicKeyInfo subjectKey)
      throws Exception {
    Date now = new Date();
    X509v3CertificateBuilder builder =
        new X509v3CertificateBuilder(
            new X500Name("CN=Test CA"),
            BigInteger.valueOf(now.getTime()),
            new Date(now.getTime() - 3_600_000L),
            new Date(now.getTime() + 86_400_000L),
            new X500Name("CN=gil@example.org"),
            subjectKey);
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
  }

  private static String pem(X509Certificate certificate) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(certificate);
    }
    return out.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void badInputGetsA400NamingWhatIsWrongAndNoStackTrace(String product) {
    try (TestServer server = TestServer.start(product)) {
      ApiClient client = new ApiClient(server);

      HttpResponse<String> noCode = client.post("/api/v1/activation/start", Map.of());
      HttpResponse<String> wrongCode =
          client.post(
              "/api/v1/activation/start", Map.of("activationCode", "AAAA-BBBB-CCCC-DDDD-EEEE"));
      HttpResponse<String> notJson =
          server.send(
              java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/unlock/finish"))
                  .header("Content-Type", "application/json")
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{not json"))
                  .build());

      assertThat(noCode.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(noCode.body()).get("detail").asString())
          .isEqualTo("Invalid request: activationCode must not be blank.");
      assertThat(wrongCode.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(wrongCode.body()).get("error").asString())
          .isEqualTo("invalid_activation_code");
      assertThat(notJson.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(notJson.body()).get("detail").asString())
          .isEqualTo("The request body is not the JSON this call expects.");
      for (HttpResponse<String> answer : java.util.List.of(noCode, wrongCode, notJson)) {
        assertThat(answer.body()).doesNotContain("Exception", "\tat ", "org.keymail");
      }
    }
  }
}
