package org.keymail.server.signin.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.signin.certificate.CertificateSignInTest.allowCertificates;
import static org.keymail.server.signin.certificate.CertificateSignInTest.certificateListenerOn;
import static org.keymail.server.signin.certificate.CertificateSignInTest.refused;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.signin.certificate.SignInCertificates.Answer;
import org.keymail.server.signin.certificate.SignInCertificates.Credential;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.testing.FreePorts;
import org.keymail.vault.audit.AuditFilter;
import org.keymail.vault.audit.AuditLog;

/**
 * Another organisation's CA signs people in only once an administrator lists its root, already
 * imported among the trusted roots, for sign-in: before that its certificates are from an unknown
 * issuer, after it they sign in (their revocation status from the CA's own CRL), and taken off the
 * list they are unknown again; each change is audited.
 */
class ListedSignInAuthoritiesTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void aListedTrustedRootSignsPeopleIn(String product, @TempDir Path folder) throws Exception {
    int port = FreePorts.pick();
    HttpServer crls = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    try (Organisation organisation = Organisation.start(product, certificateListenerOn(port))) {
      TestServer server = organisation.server();
      ApiClient administrator = organisation.administrator();
      allowCertificates(organisation, "either");
      organisation.user("alice@example.org");
      SignInCertificates certificates = new SignInCertificates(server, port, folder);
      String crlUrl = "http://127.0.0.1:" + crls.getAddress().getPort() + "/elsewhere.crl";
      Credential partner = certificates.fromElsewhere("alice@example.org", Optional.of(crlUrl));
      // openssl dates its certificates by the real clock, and the server's starts at the whole
      // minute before: brought to the real time, after them (never ahead of it: Bouncy Castle's
      // CRL validation refuses a validation time in the future).
      server.clock().advance(Duration.between(server.clock().instant(), Instant.now()));
      byte[] crl = crl(certificates, server.clock().instant());
      crls.createContext(
          "/elsewhere.crl",
          exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
            exchange.sendResponseHeaders(200, crl.length);
            exchange.getResponseBody().write(crl);
            exchange.close();
          });
      crls.start();

      refused(certificates.signIn(partner), 401, "certificate_unknown_issuer", "Elsewhere Root CA");

      HttpResponse<String> imported =
          server.send(
              HttpRequest.newBuilder(server.uri("/api/v1/admin/trust/roots"))
                  .header("Authorization", "Bearer " + administrator.token())
                  .header("Content-Type", "application/x-pem-file")
                  .POST(HttpRequest.BodyPublishers.ofFile(certificates.elsewhereRoot()))
                  .build());
      assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
      // Trusted for mail, not for sign-in.
      refused(certificates.signIn(partner), 401, "certificate_unknown_issuer", "Elsewhere Root CA");

      String sha256 = ApiClient.json(imported.body()).get("sha256").asString();
      HttpResponse<String> listed =
          administrator.put("/api/v1/admin/signin-authorities/" + sha256, null);
      assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
      assertThat(ApiClient.json(listed.body()).get("subject").asString())
          .isEqualTo("O=Elsewhere, CN=Elsewhere Root CA");
      Answer signedIn = certificates.signIn(partner);
      assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
      assertThat(signedIn.json().get("email").asString()).isEqualTo("alice@example.org");

      HttpResponse<String> notARoot =
          administrator.put(
              "/api/v1/admin/signin-authorities/" + CertificateFingerprint.hex(partner.x509()),
              null);
      assertThat(notARoot.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(notARoot.body()).get("detail").asString())
          .startsWith("No imported trusted root has the SHA-256 ");

      assertThat(administrator.delete("/api/v1/admin/signin-authorities/" + sha256).statusCode())
          .isEqualTo(204);
      refused(certificates.signIn(partner), 401, "certificate_unknown_issuer", "Elsewhere Root CA");
      assertThat(
              server
                  .bean(AuditLog.class)
                  .events(AuditFilter.newest().forOperation("SIGNIN_CA_CHANGE").limitedTo(10))
                  .stream()
                  .map(e -> e.event().detail().split(";", 2)[0]))
          .containsExactly("signs no one in any more", "signs people in now");
    } finally {
      crls.stop(0);
    }
  }

  /**
   * The partner CA's CRL: issued after its certificates, current by the server's clock, revoking
   * nothing.
   */
  private static byte[] crl(SignInCertificates certificates, Instant now) throws Exception {
    PrivateKey key;
    try (Reader in = Files.newBufferedReader(certificates.elsewhereKey());
        PEMParser parser = new PEMParser(in)) {
      key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
    }
    X509v2CRLBuilder builder =
        new X509v2CRLBuilder(
            new X500Name("O=Elsewhere,CN=Elsewhere Root CA"),
            Date.from(now.minus(Duration.ofSeconds(30))));
    builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
    builder.addExtension(
        org.bouncycastle.asn1.x509.Extension.cRLNumber,
        false,
        new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.ONE));
    try {
      return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
