package org.keymail.server.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;
import org.keymail.testing.Openssl;

/**
 * What users upload is named for what it is: a CSR over a curve keymail does not certify is refused
 * for its curve (not called a bad signature), and a PKCS#12 file exported without a password is
 * imported.
 */
class RequestsSayWhatTheyAreTest {

  @TempDir Path files;

  @Test
  void aCsrOnAnotherCurveIsRefusedForItsCurve() throws Exception {
    try (Organisation organisation = Organisation.start("H2")) {
      ApiClient bob = organisation.user("bob@example.org");
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
      generator.initialize(new ECGenParameterSpec("secp256k1"));
      KeyPair key = generator.generateKeyPair();
      PKCS10CertificationRequest csr =
          new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=Bob"), key.getPublic())
              .build(
                  new JcaContentSignerBuilder("SHA256withECDSA")
                      .setProvider(new BouncyCastleProvider())
                      .build(key.getPrivate()));

      HttpResponse<String> answer =
          bob.post(
              "/api/v1/certificate-requests/csr",
              Map.of("template", "secure-email", "csr", pem(csr)));

      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
      assertThat(ApiClient.json(answer.body()).get("error").asString()).isEqualTo("csr_refused");
      assertThat(ApiClient.json(answer.body()).get("detail").asString())
          .endsWith("keys, not ec-secp256k1");
    }
  }

  @Test
  void aPkcs12ExportedWithoutAPasswordImports() throws Exception {
    try (Organisation organisation = Organisation.start("H2")) {
      ApiClient bob = organisation.user("bob@example.org");
      Identity identity = TestPki.create().user("bob@example.org", KeyType.EC_P256);
      Path key = PemFiles.write(files.resolve("bob.key"), identity.privateKey());
      Path certificate = PemFiles.write(files.resolve("bob.pem"), identity.certificate());
      byte[] p12 = new Openssl(files).exportPkcs12(key, certificate, "");

      HttpResponse<String> withEmptyPart = bob.importPkcs12(p12, "");

      assertThat(withEmptyPart.statusCode()).as(withEmptyPart.body()).isEqualTo(201);
    }
  }

  private static String pem(Object object) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
