package org.keymail.server.webmail.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.webmail.compose.WebmailTesting.fields;
import static org.keymail.server.webmail.compose.WebmailTesting.onlyMessage;

import java.io.IOException;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.testing.ExternalProgram;
import org.keymail.testing.Openssl;
import org.keymail.testing.ProcessResult;
import tools.jackson.databind.JsonNode;

/**
 * A message written and sent in the webmail, signed and encrypted, as other S/MIME programs see it:
 * {@code openssl cms} and {@code gpgsm} decrypt it with the recipient's key and verify the
 * signature up to the organisation's root. The recipient's key is made here (its certificate comes
 * from the organisation's CA through a certification request), so the peers can hold it.
 */
class WebmailInteropTest {

  @TempDir Path folder;

  @Test
  void aSignedAndEncryptedMessageDecryptsAndVerifiesInOpensslAndGpgsm() throws Exception {
    try (Organisation organisation = Organisation.start("H2")) {
      TestServer server = organisation.server();
      ApiClient alice = organisation.user("alice@example.org");
      HttpResponse<String> own =
          alice.post(
              "/api/v1/certificate-requests",
              Map.of("template", "secure-email", "keyType", "RSA_2048"));
      assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
      ApiClient bob = organisation.user("bob@example.org");
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair bobsKey = generator.generateKeyPair();
      String csr =
          pem(
              new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=Bob"), bobsKey.getPublic())
                  .build(new JcaContentSignerBuilder("SHA256withRSA").build(bobsKey.getPrivate())));
      HttpResponse<String> issued =
          bob.post(
              "/api/v1/certificate-requests/csr", Map.of("template", "secure-email", "csr", csr));
      assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
      JsonNode request = ApiClient.json(issued.body());
      Openssl openssl = new Openssl(folder);
      openssl.write("bob.pem", request.get("certificate").asString());
      openssl.write("bob.key", pem(bobsKey.getPrivate()));
      openssl.write("root.pem", server.get("/pki/root.pem").body());
      openssl.write("issuing.pem", server.get("/pki/issuing.pem").body());

      HttpResponse<String> sent =
          WebmailTesting.browser(server, alice)
              .post(
                  "/mail/compose",
                  fields(
                      "to", "bob@example.org",
                      "subject", "Interop",
                      "body", "Hello Bob,\r\nread me anywhere.\r\n",
                      "sign", "on",
                      "encrypt", "on",
                      "action", "send"));
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
      openssl.write("message.eml", onlyMessage(server, "bob@example.org", "INBOX"));

      ProcessResult decrypted =
          openssl.run(
              "cms",
              "-decrypt",
              "-recip",
              "bob.pem",
              "-inkey",
              "bob.key",
              "-in",
              "message.eml",
              "-out",
              "signed.eml");
      assertThat(decrypted.exitCode()).as(decrypted.output()).isZero();
      ProcessResult verified =
          openssl.run(
              "cms",
              "-verify",
              "-CAfile",
              "root.pem",
              "-purpose",
              "smimesign",
              "-in",
              "signed.eml",
              "-out",
              "content.txt");
      assertThat(verified.exitCode()).as(verified.output()).isZero();
      assertThat(verified.output()).contains("Verification successful");
      assertThat(Files.readString(folder.resolve("content.txt"))).contains("read me anywhere.");

      // gpgsm: the key in a PKCS#12 file it reads (3DES), the organisation's root trusted.
      Path home = Files.createDirectories(folder.resolve("g"));
      Files.writeString(
          home.resolve("gpgsm.conf"),
          "disable-crl-checks\ndisable-trusted-cert-crl-check\ndisable-dirmngr\n");
      Files.writeString(
          home.resolve("gpg-agent.conf"), "allow-loopback-pinentry\nallow-preset-passphrase\n");
      assertThat(
              openssl
                  .run(
                      "pkcs12",
                      "-export",
                      "-inkey",
                      "bob.key",
                      "-in",
                      "bob.pem",
                      "-passout",
                      "pass:",
                      "-keypbe",
                      "PBE-SHA1-3DES",
                      "-certpbe",
                      "PBE-SHA1-3DES",
                      "-macalg",
                      "sha1",
                      "-out",
                      "bob.p12")
                  .exitCode())
          .isZero();
      String rootFingerprint =
          openssl.run("x509", "-in", "root.pem", "-noout", "-fingerprint", "-sha1").output();
      Files.writeString(
          home.resolve("trustlist.txt"),
          rootFingerprint.substring(rootFingerprint.indexOf('=') + 1).strip() + " S relax\n");
      gpgsm(home, "", "--batch", "--import", "root.pem");
      gpgsm(home, "", "--batch", "--import", "issuing.pem");
      gpgsm(
          home,
          "\n",
          "--batch",
          "--pinentry-mode",
          "loopback",
          "--passphrase-fd",
          "0",
          "--import",
          "bob.p12");
      assertThat(
              openssl
                  .run(
                      "cms",
                      "-cmsout",
                      "-in",
                      "message.eml",
                      "-outform",
                      "DER",
                      "-out",
                      "message.p7m")
                  .exitCode())
          .isZero();
      String decryption =
          gpgsm(
              home,
              "",
              "--batch",
              "--status-fd",
              "1",
              "-o",
              "gpgsm-signed.eml",
              "--decrypt",
              "message.p7m");
      assertThat(decryption).contains("DECRYPTION_OKAY");
      assertThat(Files.readString(folder.resolve("gpgsm-signed.eml"), StandardCharsets.ISO_8859_1))
          .contains("multipart/signed");
      SignedParts.split(
          folder.resolve("gpgsm-signed.eml"),
          folder.resolve("content.bin"),
          folder.resolve("sig.p7s"));
      String verification =
          gpgsm(home, "", "--batch", "--status-fd", "1", "--verify", "sig.p7s", "content.bin");
      assertThat(verification).contains("GOODSIG").contains("VALIDSIG").contains("TRUST_FULLY");
    }
  }

  /** Runs gpgsm in the test folder with {@code home} as GNUPGHOME; returns what it printed. */
  private String gpgsm(Path home, String input, String... arguments) {
    return ExternalProgram.command("gpgsm", arguments)
        .in(folder)
        .env("GNUPGHOME", home.toString())
        .stdin(input.getBytes(StandardCharsets.UTF_8))
        .timeLimit(Duration.ofSeconds(60))
        .run()
        .output();
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }
}
