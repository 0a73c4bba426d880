package org.keymail.server.webmail.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailTesting;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;
import tools.jackson.databind.JsonNode;

/**
 * The S/MIME options page and the two signing policies over real HTTPS: the options preset the
 * compose form's switches; a manual signing certificate is offered only where {@code
 * signing.certificate-choice} allows it, only PassKey certificates where {@code
 * signing.passkey-certificates-only} says so, and a stored choice a policy no longer allows falls
 * back to the automatic pick with a note; the automatic pick signs mail to outsiders with the
 * certificate of the widely trusted CA.
 */
class MailOptionsPageTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void optionsPresetTheSwitchesAndThePoliciesLimitTheCertificateChoice(String product)
      throws Exception {
    try (Organisation organisation = Organisation.start(product)) {
      TestServer server = organisation.server();
      ApiClient admin = organisation.administrator();
      ApiClient alice = WebmailTesting.withCertificate(organisation.user("alice@example.org"));
      Identity outside = TestPki.create().user("alice@example.org", KeyType.RSA_2048);
      HttpResponse<String> imported = alice.importPkcs12(pkcs12(outside), "import-pass");
      assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
      String issuedId = certificateId(alice, false);
      String importedId = certificateId(alice, true);
      var browser = WebmailTesting.browser(server, alice);

      String page = browser.get("/mail/options").body();
      assertThat(page)
          .contains("Encrypt contents and attachments of all messages I send")
          .contains("Add a digital signature to all messages I send")
          .containsPattern("id=\"send-certificates\"[^>]*checked")
          .containsPattern("id=\"certificate-automatic\"[^>]*checked")
          .contains("id=\"certificate-" + issuedId + "\"")
          .contains("id=\"certificate-" + importedId + "\"");

      HttpResponse<String> saved =
          browser.postForm(
              "/mail/options",
              List.of(
                  Map.entry("encryptAll", "on"),
                  Map.entry("signAll", "on"),
                  Map.entry("signingCertificate", importedId)));
      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
      page = browser.get("/mail/options?saved").body();
      assertThat(page)
          .contains("Your options are saved.")
          .containsPattern("id=\"encrypt-all\"[^>]*checked")
          .containsPattern("id=\"sign-all\"[^>]*checked")
          .doesNotContainPattern("id=\"send-certificates\"[^>]*checked")
          .containsPattern("id=\"certificate-" + importedId + "\"[^>]*checked");
      String compose = browser.get("/mail/compose").body();
      assertThat(compose)
          .containsPattern("id=\"sign\"[^>]*checked")
          .containsPattern("id=\"encrypt\"[^>]*checked");

      // Only PassKey certificates: the imported key's certificate is no longer offered, and the
      // stored choice falls back to the automatic pick, saying why.
      assertThat(
              admin
                  .put(
                      "/api/v1/admin/policies/signing.passkey-certificates-only",
                      Map.of("value", "on"))
                  .statusCode())
          .isEqualTo(200);
      page = browser.get("/mail/options").body();
      assertThat(page)
          .contains("id=\"certificate-" + issuedId + "\"")
          .doesNotContain("id=\"certificate-" + importedId + "\"")
          .contains(
              "The certificate you chose has an imported key, and your organisation allows only"
                  + " PassKey certificates: keymail picks it automatically.")
          .containsPattern("id=\"certificate-automatic\"[^>]*checked");
      HttpResponse<String> refused =
          browser.postForm("/mail/options", List.of(Map.entry("signingCertificate", importedId)));
      assertThat(refused.statusCode()).isEqualTo(200);
      assertThat(refused.body()).contains("That certificate cannot be chosen");

      // No choice at all: nothing to pick from, and the page says who decides.
      assertThat(
              admin
                  .put("/api/v1/admin/policies/signing.certificate-choice", Map.of("value", "off"))
                  .statusCode())
          .isEqualTo(200);
      page = browser.get("/mail/options").body();
      assertThat(page)
          .contains(
              "Your organisation no longer lets you choose your signing certificate: keymail"
                  + " picks it automatically.")
          .contains("id=\"choice-not-allowed\"")
          .doesNotContain("id=\"certificate-" + issuedId + "\"");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void theAutomaticPickSignsMailToOutsidersWithTheWidelyTrustedCertificate(String product)
      throws Exception {
    try (Organisation organisation = Organisation.start(product)) {
      TestServer server = organisation.server();
      ApiClient alice = WebmailTesting.withCertificate(organisation.user("alice@example.org"));
      WebmailTesting.withCertificate(organisation.user("bob@example.org"));
      Identity outside = TestPki.create().user("alice@example.org", KeyType.RSA_2048);
      assertThat(alice.importPkcs12(pkcs12(outside), "import-pass").statusCode()).isEqualTo(201);
      var browser = WebmailTesting.browser(server, alice);

      assertThat(
              WebmailTesting.send(browser, "erin@elsewhere.example", "To an outsider").statusCode())
          .isEqualTo(302);

      byte[] copy = WebmailTesting.onlyMessage(server, "alice@example.org", "Sent");
      try (ReadResult read = MessageReader.builder().build().read(new ByteArrayInputStream(copy))) {
        X509Certificate signer = read.verdict().orElseThrow().signer().orElseThrow();
        assertThat(signer).isEqualTo(outside.certificate());
      }
    }
  }

  private static String certificateId(ApiClient user, boolean imported) {
    for (JsonNode certificate : ApiClient.json(user.get("/api/v1/certificates").body())) {
      if (certificate.get("source").asString().equals("IMPORTED") == imported) {
        return certificate.get("id").asString();
      }
    }
    throw new AssertionError("no " + (imported ? "imported" : "issued") + " certificate");
  }

  private static byte[] pkcs12(Identity identity) {
    return identity.pkcs12("import-pass");
  }
}
