package org.keymail.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * The administrators' side of the CA through the API: templates (list, change, disable, the 825-day
 * rule), the trust store (the organisation's root, an imported root, refusals, the public-roots
 * opt-in), the RFC 6960 GET form of OCSP on the plain-HTTP listener, and 403 for a user who is no
 * administrator.
 */
class CaAdministrationApiTest {

  @Test
  void administratorsChangeTemplatesAndUsersSeeTheChange() {
    try (Organisation org = Organisation.start("H2")) {
      ApiClient admin = org.administrator();
      ApiClient frank = org.user("frank@example.org");

      JsonNode all = ApiClient.json(admin.get("/api/v1/admin/templates").body());
      HttpResponse<String> toAdministrator =
          admin.put(
              "/api/v1/admin/templates/secure-email",
              Map.of(
                  "approval",
                  "ADMINISTRATOR",
                  "validityDays",
                  200,
                  "keyTypes",
                  List.of("EC_P256")));
      HttpResponse<String> tooLong =
          admin.put("/api/v1/admin/templates/secure-email", Map.of("validityDays", 900));
      HttpResponse<String> disabled =
          admin.put("/api/v1/admin/templates/smartcard-logon", Map.of("enabled", false));
      JsonNode forUsers = ApiClient.json(frank.get("/api/v1/templates").body());
      JsonNode pending =
          ApiClient.json(
              frank
                  .post("/api/v1/certificate-requests", Map.of("template", "secure-email"))
                  .body());
      HttpResponse<String> rsaRefused =
          frank.post(
              "/api/v1/certificate-requests",
              Map.of("template", "secure-email", "keyType", "RSA_2048"));
      HttpResponse<String> disabledRefused =
          frank.post("/api/v1/certificate-requests", Map.of("template", "smartcard-logon"));
      HttpResponse<String> notAdmin = frank.get("/api/v1/admin/templates");

      assertThat(all).hasSize(3);
      assertThat(all.get(0).has("enabled")).isTrue();
      assertThat(toAdministrator.statusCode()).as(toAdministrator.body()).isEqualTo(200);
      JsonNode changed = ApiClient.json(toAdministrator.body());
      assertThat(changed.get("approval").asString()).isEqualTo("ADMINISTRATOR");
      assertThat(changed.get("validityDays").asInt()).isEqualTo(200);
      assertThat(tooLong.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(tooLong.body()).get("error").asString())
          .isEqualTo("template_change_refused");
      assertThat(ApiClient.json(disabled.body()).get("enabled").asBoolean()).isFalse();
      assertThat(forUsers).hasSize(2);
      assertThat(forUsers.findValuesAsString("name")).doesNotContain("smartcard-logon");
      assertThat(pending.get("status").asString()).isEqualTo("PENDING");
      assertThat(rsaRefused.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(rsaRefused.body()).get("detail").asString())
          .isEqualTo(
              "The certificate template \"Secure Email\" does not allow rsa-2048 keys; it allows"
                  + " ec-p256.");
      assertThat(disabledRefused.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(disabledRefused.body()).get("detail").asString())
          .isEqualTo("The certificate template \"Smartcard Logon\" is disabled.");
      assertThat(notAdmin.statusCode()).isEqualTo(403);
    }
  }

  @Test
  void administratorsImportRootsAndOptInToPublicRoots() throws Exception {
    try (Organisation org = Organisation.start("H2")) {
      TestServer server = org.server();
      ApiClient admin = org.administrator();
      String partnerRoot = pem(selfSignedCa("CN=Partner Root CA", true));

      JsonNode before = ApiClient.json(admin.get("/api/v1/admin/trust/roots").body());
      HttpResponse<String> imported = postPem(server, admin, partnerRoot);
      HttpResponse<String> again = postPem(server, admin, partnerRoot);
      HttpResponse<String> notACa = postPem(server, admin, pem(selfSignedCa("CN=Leaf", false)));
      HttpResponse<String> optIn =
          admin.put("/api/v1/admin/trust/public-roots", Map.of("enabled", true));
      JsonNode after = ApiClient.json(admin.get("/api/v1/admin/trust/roots").body());
      HttpResponse<String> userTries =
          org.user("gina@example.org").get("/api/v1/admin/trust/roots");

      assertThat(before).hasSize(1);
      assertThat(before.get(0).get("source").asString()).isEqualTo("ORGANISATION");
      assertThat(before.get(0).get("subject").asString())
          .isEqualTo("O=keymail, CN=keymail Root CA");
      assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
      assertThat(ApiClient.json(imported.body()).get("source").asString()).isEqualTo("IMPORTED");
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(notACa.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(notACa.body()).get("error").asString()).isEqualTo("root_refused");
      assertThat(ApiClient.json(optIn.body()).get("enabled").asBoolean()).isTrue();
      assertThat(after.findValuesAsString("source")).contains("ORGANISATION", "IMPORTED", "PUBLIC");
      assertThat(after.size()).isGreaterThan(10);
      assertThat(userTries.statusCode()).isEqualTo(403);
    }
  }

  @Test
  void ocspAnswersTheGetFormOnThePlainListener() throws Exception {
    try (Organisation org = Organisation.start("H2")) {
      TestServer server = org.server();
      JsonNode issued =
          ApiClient.json(
              org.user("hal@example.org")
                  .post(
                      "/api/v1/certificate-requests",
                      Map.of("template", "secure-email", "keyType", "EC_P256"))
                  .body());
      X509Certificate user = parse(issued.get("certificate").asString());
      X509Certificate issuing = parse(server.get("/pki/issuing.pem").body());
      CertificateID id =
          new CertificateID(
              new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
              new JcaX509CertificateHolder(issuing),
              user.getSerialNumber());
      byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
      String path =
          "/pki/ocsp/"
              + java.net.URLEncoder.encode(
                  Base64.getEncoder().encodeToString(request),
                  java.nio.charset.StandardCharsets.US_ASCII);

      HttpResponse<byte[]> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(server.pkiUri(path)).GET().build(),
                  HttpResponse.BodyHandlers.ofByteArray());

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
      OCSPResp response = new OCSPResp(answer.body());
      assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
      BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
      assertThat(basic.getResponses()[0].getCertStatus()).isNull(); // null means "good"
      assertThat(basic.getResponses()[0].getCertID().getSerialNumber())
          .isEqualTo(user.getSerialNumber());
    }
  }

  private static HttpResponse<String> postPem(TestServer server, ApiClient admin, String pem) {
    return server.send(
        HttpRequest.newBuilder(server.uri("/api/v1/admin/trust/roots"))
            .header("Authorization", "Bearer " + admin.token())
            .header("Content-Type", "application/x-pem-file")
            .POST(HttpRequest.BodyPublishers.ofString(pem))
            .build());
  }

  private static X509Certificate parse(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes()));
  }

  private static X509Certificate selfSignedCa(String name, boolean ca) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(name),
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(3650))),
            new X500Name(name),
            pair.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    X509CertificateHolder holder =
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    return parse(
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder().encodeToString(holder.getEncoded())
            + "\n-----END CERTIFICATE-----\n");
  }

  private static String pem(X509Certificate certificate) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}
