package org.keymail.server.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.testing.Openssl;
import org.keymail.testing.ProcessResult;
import org.keymail.vault.store.VaultDatabase;
import tools.jackson.databind.JsonNode;

/**
 * The certificate authority through the running server's REST API and public PKI addresses, with
 * real openssl as the relying party: enrollment with automatic and administrator approval, denial,
 * refused CSRs, revocation by owner and administrator, OCSP and CRL answers, the directory, the
 * server's CA-issued HTTPS certificate, the plain-HTTP listener and the audit trail.
 */
class CertificateAuthorityApiTest {

  @TempDir Path folder;

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void requestApproveInstallRevokeWithOcspCrlDirectoryAndAudit(String product) throws Exception {
    try (Organisation org = Organisation.start(product)) {
      TestServer server = org.server();
      ApiClient admin = org.administrator();
      ApiClient alice = org.user("alice@example.org");
      Openssl openssl = new Openssl(folder);
      openssl.write("root.pem", server.get("/pki/root.pem").body());
      openssl.write("issuing.pem", server.get("/pki/issuing.pem").body());

      // Automatic approval: issued and installed at once, listed in the directory.
      HttpResponse<String> auto =
          alice.post(
              "/api/v1/certificate-requests",
              Map.of("template", "secure-email", "keyType", "EC_P256"));
      assertThat(auto.statusCode()).as(auto.body()).isEqualTo(201);
      JsonNode issued = ApiClient.json(auto.body());
      assertThat(issued.get("status").asString()).isEqualTo("ISSUED");
      assertThat(issued.get("template").asString()).isEqualTo("secure-email");
      assertThat(issued.get("installed").asBoolean()).isTrue();
      String serial = issued.get("serial").asString();
      assertThat(serial).matches("[0-9a-f]+");
      openssl.write("alice.pem", issued.get("certificate").asString());
      assertThat(
              openssl
                  .run("verify", "-CAfile", "root.pem", "-untrusted", "issuing.pem", "alice.pem")
                  .output())
          .contains("alice.pem: OK");
      assertThat(certificateSerials(alice)).contains(serial);
      assertThat(directorySerials(alice, "alice")).containsExactly(serial);

      // Administrator approval: pending, approved, then installed by the user. (A second later,
      // so "newest first" has a newest.)
      server.clock().advance(java.time.Duration.ofSeconds(1));
      JsonNode pending =
          ApiClient.json(
              alice.post("/api/v1/certificate-requests", Map.of("template", "user")).body());
      assertThat(pending.get("status").asString()).isEqualTo("PENDING");
      assertThat(pending.get("certificate").isNull()).isTrue();
      String id = pending.get("id").asString();
      HttpResponse<String> early =
          alice.post("/api/v1/certificate-requests/" + id + "/install", Map.of());
      assertThat(early.statusCode()).isEqualTo(409);
      assertThat(ApiClient.json(early.body()).get("detail").asString()).contains("pending");
      JsonNode waiting =
          ApiClient.json(admin.get("/api/v1/admin/certificate-requests?status=PENDING").body());
      assertThat(waiting).hasSize(1);
      assertThat(waiting.get(0).get("requester").asString()).isEqualTo("alice@example.org");
      HttpResponse<String> approved =
          admin.post("/api/v1/admin/certificate-requests/" + id + "/approve", Map.of());
      assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
      assertThat(ApiClient.json(approved.body()).get("status").asString()).isEqualTo("ISSUED");
      JsonNode status = ApiClient.json(alice.get("/api/v1/certificate-requests/" + id).body());
      assertThat(status.get("status").asString()).isEqualTo("ISSUED");
      assertThat(status.get("installed").asBoolean()).isFalse();
      JsonNode installed =
          ApiClient.json(
              alice.post("/api/v1/certificate-requests/" + id + "/install", Map.of()).body());
      assertThat(installed.get("installed").asBoolean()).isTrue();
      assertThat(certificateSerials(alice)).contains(installed.get("serial").asString());
      JsonNode mine = ApiClient.json(alice.get("/api/v1/certificate-requests").body());
      assertThat(mine).hasSize(2);
      assertThat(mine.get(0).get("id").asString()).as("newest first").isEqualTo(id);

      // OCSP says good, then the administrator revokes: OCSP revoked, the CRL lists it, the
      // directory drops it.
      String ocspUrl = "http://localhost:" + server.pkiPort() + "/pki/ocsp";
      assertThat(ocsp(openssl, ocspUrl)).contains("alice.pem: good");
      HttpResponse<String> revoked =
          admin.post(
              "/api/v1/admin/certificates/" + serial + "/revoke",
              Map.of("reason", "key-compromise"));
      assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
      assertThat(ApiClient.json(revoked.body()).get("reason").asString())
          .isEqualTo("key-compromise");
      assertThat(ocsp(openssl, ocspUrl)).contains("alice.pem: revoked").contains("keyCompromise");
      HttpResponse<byte[]> crl = plainGet(server, "/pki/crl");
      assertThat(crl.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
      assertThat(crl.headers().firstValue("Cache-Control").orElse("")).contains("max-age=");
      openssl.write("crl.der", crl.body());
      openssl.write(
          "chain.pem",
          Files.readString(folder.resolve("issuing.pem"))
              + Files.readString(folder.resolve("root.pem")));
      ProcessResult crlText =
          openssl.run(
              "crl", "-inform", "DER", "-in", "crl.der", "-CAfile", "chain.pem", "-noout", "-text");
      assertThat(crlText.output()).contains("verify OK");
      assertThat(crlText.output().toLowerCase(Locale.ROOT)).contains(serial);
      // The directory offers it no more for encryption, and says why: revoked, when, what for.
      assertThat(directorySerials(alice, "alice")).doesNotContain(serial);
      JsonNode listed = null;
      for (JsonNode c :
          ApiClient.json(alice.get("/api/v1/directory?q=alice").body())
              .get(0)
              .get("certificates")) {
        if (c.get("serial").asString().equals(serial)) {
          listed = c;
        }
      }
      assertThat(listed).as("the revoked certificate is still listed").isNotNull();
      assertThat(listed.get("state").asString()).isEqualTo("revoked");
      assertThat(listed.get("revocationReason").asString()).isEqualTo("key-compromise");
      assertThat(listed.get("revokedAt").asString()).isNotBlank();

      assertThat(auditOperations(server))
          .contains("CERT_REQUEST", "CERT_ISSUE", "CERT_APPROVE", "CERT_REVOKE");
    }
  }

  @Test
  void deniedRequestShowsTheReasonAndADenialNeedsOne() {
    try (Organisation org = Organisation.start("H2")) {
      ApiClient admin = org.administrator();
      ApiClient bob = org.user("bob@example.org");
      String id =
          ApiClient.json(
                  bob.post("/api/v1/certificate-requests", Map.of("template", "smartcard-logon"))
                      .body())
              .get("id")
              .asString();

      HttpResponse<String> noReason =
          admin.post("/api/v1/admin/certificate-requests/" + id + "/deny", Map.of("reason", " "));
      HttpResponse<String> denied =
          admin.post(
              "/api/v1/admin/certificate-requests/" + id + "/deny",
              Map.of("reason", "Smart cards are for staff only"));
      HttpResponse<String> notAdmin =
          bob.post("/api/v1/admin/certificate-requests/" + id + "/deny", Map.of("reason", "mine"));
      JsonNode seen = ApiClient.json(bob.get("/api/v1/certificate-requests/" + id).body());
      HttpResponse<String> install =
          bob.post("/api/v1/certificate-requests/" + id + "/install", Map.of());

      assertThat(noReason.statusCode()).isEqualTo(400);
      assertThat(denied.statusCode()).isEqualTo(200);
      assertThat(notAdmin.statusCode()).isEqualTo(403);
      assertThat(seen.get("status").asString()).isEqualTo("DENIED");
      assertThat(seen.get("reason").asString()).isEqualTo("Smart cards are for staff only");
      assertThat(install.statusCode()).isEqualTo(409);
      assertThat(ApiClient.json(install.body()).get("detail").asString()).contains("denied");
      assertThat(auditOperations(org.server())).contains("CERT_DENY");
      JsonNode deniedList =
          ApiClient.json(admin.get("/api/v1/admin/certificate-requests?status=DENIED").body());
      assertThat(deniedList).hasSize(1);
      assertThat(deniedList.get(0).get("id").asString()).isEqualTo(id);
      assertThat(deniedList.get(0).get("requester").asString()).isEqualTo("bob@example.org");
      assertThat(deniedList.get(0).get("reason").asString())
          .isEqualTo("Smart cards are for staff only");
      assertThat(
              ApiClient.json(admin.get("/api/v1/admin/certificate-requests?status=ISSUED").body()))
          .isEmpty();
    }
  }

  @Test
  void externalCsrWithSomeoneElsesAddressIsRefusedWithTheReason() throws Exception {
    try (Organisation org = Organisation.start("H2")) {
      ApiClient carol = org.user("carol@example.org");

      HttpResponse<String> theirs =
          carol.post(
              "/api/v1/certificate-requests/csr",
              Map.of("template", "secure-email", "csr", csr("mallory@example.org")));
      HttpResponse<String> own =
          carol.post(
              "/api/v1/certificate-requests/csr",
              Map.of("template", "secure-email", "csr", csr("carol@example.org")));
      HttpResponse<String> notPem =
          carol.post(
              "/api/v1/certificate-requests/csr",
              Map.of("template", "secure-email", "csr", "hello"));

      assertThat(theirs.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(theirs.body()).get("detail").asString())
          .isEqualTo("the request names mallory@example.org, but you are carol@example.org");
      assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
      assertThat(ApiClient.json(own.body()).get("status").asString()).isEqualTo("ISSUED");
      assertThat(ApiClient.json(own.body()).get("installed").asBoolean()).isFalse();
      assertThat(notPem.statusCode()).isEqualTo(400);
    }
  }

  @Test
  void usersRevokeTheirOwnCertificatesButNotAnotherOnes() {
    try (Organisation org = Organisation.start("H2")) {
      ApiClient dave = org.user("dave@example.org");
      ApiClient erin = org.user("erin@example.org");
      String daves = issue(dave);
      String erins = issue(erin);

      HttpResponse<String> other =
          dave.post(
              "/api/v1/certificates/" + erins + "/revoke", Map.of("reason", "key-compromise"));
      HttpResponse<String> own =
          dave.post(
              "/api/v1/certificates/" + daves + "/revoke", Map.of("reason", "key-compromise"));
      HttpResponse<String> again =
          dave.post("/api/v1/certificates/" + daves + "/revoke", Map.of("reason", "superseded"));

      assertThat(other.statusCode()).isEqualTo(403);
      assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
      JsonNode done = ApiClient.json(own.body());
      assertThat(done.get("serial").asString()).isEqualTo(daves);
      assertThat(done.get("reason").asString()).isEqualTo("key-compromise");
      assertThat(done.get("revokedAt").asString()).isNotBlank();
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(directorySerials(erin, "")).containsExactly(erins);
    }
  }

  @Test
  void serverCertificateVerifiesAgainstTheRootAndThePlainListenerServesOnlyPki() throws Exception {
    try (Organisation org = Organisation.start("H2")) {
      TestServer server = org.server();
      Openssl openssl = new Openssl(folder);
      openssl.write("root.pem", server.get("/pki/root.pem").body());

      ProcessResult handshake =
          openssl.run(
              "s_client",
              "-connect",
              "localhost:" + server.port(),
              "-servername",
              "localhost",
              "-verify_hostname",
              "localhost",
              "-CAfile",
              "root.pem",
              "-verify_return_error");
      HttpResponse<byte[]> crl = plainGet(server, "/pki/crl");
      HttpResponse<byte[]> rootCrl = plainGet(server, "/pki/root.crl");
      HttpResponse<byte[]> rootCrlAgain = plainGet(server, "/pki/root.crl");
      HttpResponse<byte[]> root = plainGet(server, "/pki/root.crt");
      HttpResponse<byte[]> api = plainGet(server, "/api/v1/templates");
      HttpResponse<byte[]> signin = plainGet(server, "/signin");
      HttpResponse<String> httpsRoot = server.get("/pki/root.pem");
      JsonNode templates = ApiClient.json(org.administrator().get("/api/v1/templates").body());

      assertThat(handshake.exitCode()).as(handshake.output()).isZero();
      assertThat(handshake.output()).contains("Verify return code: 0 (ok)");
      assertThat(crl.statusCode()).isEqualTo(200);
      // The root's CRL, which the issuing CA certificate names, over plain HTTP: signed by the
      // root, cached (the same CRL twice, not one signed per request), cacheable until nextUpdate.
      assertThat(rootCrl.statusCode()).isEqualTo(200);
      assertThat(rootCrl.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
      assertThat(rootCrl.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=");
      assertThat(rootCrlAgain.body()).isEqualTo(rootCrl.body());
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      X509Certificate rootCa =
          (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(root.body()));
      X509CRL rootList = (X509CRL) x509.generateCRL(new ByteArrayInputStream(rootCrl.body()));
      rootList.verify(rootCa.getPublicKey());
      assertThat(rootList.getIssuerX500Principal()).isEqualTo(rootCa.getSubjectX500Principal());
      assertThat(rootList.getRevokedCertificates()).isNull();
      X509Certificate issuingCa =
          (X509Certificate)
              x509.generateCertificate(
                  new ByteArrayInputStream(plainGet(server, "/pki/issuing.crt").body()));
      assertThat(
              new String(
                  issuingCa.getExtensionValue(Extension.cRLDistributionPoints.getId()),
                  java.nio.charset.StandardCharsets.ISO_8859_1))
          .contains("/pki/root.crl");
      assertThat(root.headers().firstValue("Content-Type")).hasValue("application/pkix-cert");
      assertThat(api.statusCode()).isEqualTo(404);
      assertThat(signin.statusCode()).isEqualTo(404);
      assertThat(httpsRoot.headers().firstValue("Content-Type")).hasValue("application/x-pem-file");
      assertThat(httpsRoot.body()).startsWith("-----BEGIN CERTIFICATE-----");
      List<String> names = new ArrayList<>();
      templates.forEach(t -> names.add(t.get("name").asString()));
      assertThat(names).containsExactlyInAnyOrder("smartcard-logon", "secure-email", "user");
    }
  }

  private static String issue(ApiClient user) {
    HttpResponse<String> answer =
        user.post(
            "/api/v1/certificate-requests",
            Map.of("template", "secure-email", "keyType", "EC_P256"));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return ApiClient.json(answer.body()).get("serial").asString();
  }

  private static String ocsp(Openssl openssl, String url) {
    return openssl
        .run(
            "ocsp",
            "-issuer",
            "issuing.pem",
            "-cert",
            "alice.pem",
            "-url",
            url,
            "-CAfile",
            "root.pem")
        .output();
  }

  private static List<String> certificateSerials(ApiClient user) {
    List<String> serials = new ArrayList<>();
    ApiClient.json(user.get("/api/v1/certificates").body())
        .forEach(c -> serials.add(c.get("serialNumber").asString()));
    return serials;
  }

  private static List<String> directorySerials(ApiClient user, String query) {
    List<String> serials = new ArrayList<>();
    ApiClient.json(user.get("/api/v1/directory?q=" + query).body())
        .forEach(
            e ->
                e.get("certificates")
                    .forEach(
                        c -> {
                          if ("valid".equals(c.get("state").asString())) {
                            serials.add(c.get("serial").asString());
                          }
                        }));
    return serials;
  }

  private static HttpResponse<byte[]> plainGet(TestServer server, String path)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(server.pkiUri(path)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  private static List<String> auditOperations(TestServer server) {
    List<String> operations = new ArrayList<>();
    try (VaultDatabase db = server.openVault();
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT operation FROM audit_events ORDER BY seq")) {
      while (r.next()) {
        operations.add(r.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return operations;
  }

  /** A PKCS#10 of a key the client holds, naming {@code email} as its address. */
  private static String csr(String email) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    ExtensionsGenerator extensions = new ExtensionsGenerator();
    extensions.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
    var request =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + email), pair.getPublic())
            .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(request);
    }
    return pem.toString();
  }
}
