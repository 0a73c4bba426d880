package org.keymail.server.webmail.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.webmail.BrowserSession;
import org.keymail.server.webmail.MailFixtures;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;
import org.keymail.testing.FreePorts;
import org.keymail.testing.Openssl;
import org.keymail.testing.ProcessResult;

/**
 * Messages that are hard to show: HTML with scripts and remote images (sanitised, in a sandboxed
 * frame under its own policy, remote images only when asked), a changed signed message, a truncated
 * encrypted one, one encrypted to someone else and broken MIME (each a sentence on the page, never
 * an error, and the raw message still downloadable), and messages made by {@code openssl cms}.
 */
class HardMessagesTest {

  @TempDir Path folder;

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void htmlBadInputAndOpensslMessagesAreShownSafely(String product) throws Exception {
    int smtp = FreePorts.pick();
    try (Organisation organisation =
        Organisation.start(product, Map.of("keymail.mail.embedded-smtp-port", "" + smtp))) {
      ApiClient bob = organisation.user("bob@example.org");
      X509Certificate bobs = MailFixtures.vaultCertificate(bob);
      ApiClient alice = organisation.user("alice@example.org");
      Identity alices = MailFixtures.organisationIdentity(alice, "alice@example.org");
      Identity stranger = TestPki.create().user("eve@elsewhere.example", KeyType.EC_P256);
      BrowserSession browser =
          new BrowserSession(
              organisation.server(), bob.unlockInABrowserSession(Organisation.ACCESS_CODE));

      deliver(
          smtp,
          ("From: alice@example.org\r\nTo: bob@example.org\r\nSubject: Newsletter\r\n"
                  + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                  + "<html><body><p onclick=\"steal()\">Dear Bob</p><script>steal()</script>"
                  + "<img src=\"https://tracker.example/pixel.gif\" alt=\"logo\">"
                  + "<iframe src=\"https://evil.example/\"></iframe>"
                  + "<a href=\"https://keymail.example/news\">news</a></body></html>\r\n")
              .getBytes(StandardCharsets.UTF_8));
      byte[] signed =
          MailFixtures.signed(
              MailFixtures.text("alice@example.org", "bob@example.org", "Changed", "Pay 10 EUR."),
              alices);
      deliver(
          smtp,
          new String(signed, StandardCharsets.UTF_8)
              .replace("Pay 10 EUR.", "Pay 99 EUR.")
              .getBytes(StandardCharsets.UTF_8));
      String encrypted =
          new String(
              MailFixtures.encrypted(
                  MailFixtures.text("alice@example.org", "bob@example.org", "Cut short", "Secret."),
                  bobs),
              StandardCharsets.US_ASCII);
      deliver(
          smtp, encrypted.substring(0, encrypted.length() / 2).getBytes(StandardCharsets.US_ASCII));
      deliver(
          smtp,
          MailFixtures.encrypted(
              MailFixtures.text("alice@example.org", "bob@example.org", "Not for Bob", "Secret."),
              stranger.certificate()));
      byte[] broken =
          ("From: alice@example.org\r\nTo: bob@example.org\r\nSubject: Broken\r\n"
                  + "MIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=signed-data;"
                  + " name=smime.p7m\r\nContent-Transfer-Encoding: base64\r\n\r\nnot base64 at all!!\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      deliver(smtp, broken);

      // openssl signs with Alice's key and encrypts to Bob's certificate.
      Openssl openssl = new Openssl(folder);
      openssl.write("alice.pem", pem(alices.certificate()));
      openssl.write(
          "alice.key",
          "-----BEGIN PRIVATE KEY-----\n"
              + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                  .encodeToString(alices.privateKey().getEncoded())
              + "\n-----END PRIVATE KEY-----\n");
      openssl.write("bob.pem", pem(bobs));
      openssl.write("body.txt", "Made by openssl.\r\n");
      ProcessResult signing =
          openssl.run(
              "cms",
              "-sign",
              "-in",
              "body.txt",
              "-text",
              "-crlfeol",
              "-signer",
              "alice.pem",
              "-inkey",
              "alice.key",
              "-from",
              "alice@example.org",
              "-to",
              "bob@example.org",
              "-subject",
              "Openssl signed",
              "-out",
              "signed.eml");
      assertThat(signing.exitCode()).as(signing.output()).isZero();
      assertThat(
              openssl
                  .run(
                      "cms",
                      "-encrypt",
                      "-in",
                      "body.txt",
                      "-text",
                      "-crlfeol",
                      "-aes256",
                      "-from",
                      "alice@example.org",
                      "-to",
                      "bob@example.org",
                      "-subject",
                      "Openssl encrypted",
                      "-out",
                      "encrypted.eml",
                      "bob.pem")
                  .exitCode())
          .isZero();
      deliver(smtp, Files.readAllBytes(folder.resolve("signed.eml")));
      deliver(smtp, Files.readAllBytes(folder.resolve("encrypted.eml")));

      Map<String, String> links = WebmailReadingTest.links(browser.get("/mail").body());

      // HTML: the page frames it; the frame is sanitised, remote content blocked until asked.
      String page = browser.get(links.get("Newsletter")).body();
      assertThat(page)
          .contains("sandbox=\"allow-popups allow-popups-to-escape-sandbox\"")
          .contains("id=\"show-remote\"");
      HttpResponse<String> frame = browser.get(links.get("Newsletter") + "/body");
      assertThat(frame.headers().allValues("Content-Security-Policy"))
          .singleElement()
          .satisfies(csp -> assertThat(csp).startsWith("default-src 'none'; img-src data:;"));
      assertThat(frame.headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
      assertThat(browser.get(links.get("Newsletter")).headers().allValues("X-Frame-Options"))
          .containsExactly("DENY");
      assertThat(frame.body())
          .contains("Dear Bob", "alt=\"logo\"", "target=\"_blank\"")
          .doesNotContain("<script", "onclick", "<iframe", "tracker.example");
      HttpResponse<String> shown = browser.get(links.get("Newsletter") + "/body?remote=show");
      assertThat(shown.body()).contains("src=\"https://tracker.example/pixel.gif\"");
      assertThat(shown.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(csp -> assertThat(csp).contains("img-src data: https: http:"));

      // A signed message changed on the way.
      assertThat(browser.get(links.get("Changed")).body())
          .contains(VerdictView.INVALID)
          .doesNotContain("id=\"add-contact\"");

      // Bad input: a sentence each, status 200, and the raw message still downloadable.
      HttpResponse<String> cut = browser.get(links.get("Cut short"));
      assertThat(cut.statusCode()).isEqualTo(200);
      assertThat(cut.body())
          .contains("The message&#39;s S/MIME part is damaged or cut short")
          .contains("id=\"download-raw\"");
      assertThat(browser.get(links.get("Not for Bob")).body())
          .contains("This message was not encrypted to any of your keys");
      HttpResponse<String> bad = browser.get(links.get("Broken"));
      assertThat(bad.statusCode()).isEqualTo(200);
      assertThat(bad.body()).contains("id=\"problem\"").contains("id=\"download-raw\"");
      HttpResponse<byte[]> raw = browser.download(links.get("Broken") + "/raw");
      assertThat(raw.statusCode()).isEqualTo(200);
      assertThat(new String(raw.body(), StandardCharsets.US_ASCII)).contains("not base64 at all!!");
      assertThat(raw.headers().firstValue("Content-Disposition"))
          .hasValueSatisfying(d -> assertThat(d).startsWith("attachment").contains(".eml"));
      assertThat(browser.get(links.get("Broken") + "x").statusCode()).isEqualTo(200);

      // openssl's messages read with the right banner.
      assertThat(browser.get(links.get("Openssl signed")).body())
          .contains(VerdictView.TRUSTED)
          .contains("Made by openssl.");
      assertThat(browser.get(links.get("Openssl encrypted")).body())
          .contains("Made by openssl.")
          .contains("id=\"encrypted-note\"");
    }
  }

  private static void deliver(int smtp, byte[] message) throws Exception {
    MailFixtures.deliver(smtp, "alice@example.org", "bob@example.org", message);
  }

  private static String pem(Object object) throws Exception {
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(object);
    }
    return pem.toString();
  }
}
