package org.keymail.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailTesting;
import org.keymail.testing.Chromium;
import org.keymail.testing.ChromiumExtension;

/**
 * Writing and sending in a real Chromium with a virtual security key: a signed message; a signed
 * and encrypted one with an attachment to a coworker found through the address suggestions; a
 * recipient without a certificate named before anything is sent; a send after the keys locked,
 * which asks for the PassKey in the page and then sends with nothing lost; an attachment over the
 * limit refused in the page; the options presetting the switches, and the two signing policies on
 * the options page. Screenshots of the pages go to {@code docs/screenshots}.
 */
@ExtendWith(ChromiumExtension.class)
class WebmailSendingIT {

  private static final String ACCESS_CODE = "Green-Finch-77";
  private static final Path SCREENSHOTS = WebmailBrowser.SCREENSHOTS;

  @Test
  void writeSignEncryptAttachUnlockInPlaceAndSetTheOptions(BrowserContext context, Page page)
      throws Exception {
    // A small message limit, so that an attachment over it is quick to make.
    try (Organisation organisation =
        Organisation.start("H2", Map.of("keymail.mail.max-message-bytes", "65536"))) {
      TestServer server = organisation.server();
      WebmailTesting.withCertificate(organisation.user("bob@example.org"));
      page.setViewportSize(1100, 820);
      Chromium.plugInSecurityKey(Chromium.devTools(context, page));
      WebmailBrowser.activate(page, server, server.invite("alice@example.org"), ACCESS_CODE);
      WebmailBrowser.signIn(page, server, ACCESS_CODE);
      page.navigate(server.uri("/mail/compose").toString());
      Object issued =
          page.evaluate(
              "async () => (await keymail.api('/api/v1/certificate-requests',"
                  + " {template: 'secure-email'})).status");
      assertThat(issued).isEqualTo(201);

      // Signed.
      page.navigate(server.uri("/mail/compose").toString());
      page.fill("#to", "bob@example.org");
      page.fill("#subject", "Signed hello");
      page.fill("#body", "Hello Bob, this one is signed.");
      page.check("#sign");
      page.click("#send");
      assertThat(page.locator("#notice")).hasText("Your message was sent.");

      // Signed and encrypted with an attachment, Bob found through the suggestions.
      page.navigate(server.uri("/mail/compose").toString());
      page.locator("#to").pressSequentially("bo");
      Locator suggestion = page.locator("#to-suggestions li[data-email='bob@example.org']");
      assertThat(suggestion).isVisible();
      suggestion.click();
      assertThat(page.locator("#to")).hasValue("bob@example.org, ");
      page.fill("#subject", "Quarterly figures");
      page.fill("#body", "Hello Bob,\n\nthe figures are attached.\n\nAlice");
      page.setInputFiles(
          "#attachments",
          new FilePayload(
              "figures.csv",
              "text/csv",
              "quarter,revenue\nQ3,1200\n".getBytes(StandardCharsets.UTF_8)));
      page.check("#sign");
      page.check("#encrypt");
      Files.createDirectories(SCREENSHOTS);
      page.screenshot(
          new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("webmail-compose.png")));
      page.click("#send");
      assertThat(page.locator("#notice")).hasText("Your message was sent.");
      List<byte[]> inbox = WebmailTesting.messages(server, "bob@example.org", "INBOX");
      assertThat(inbox).hasSize(2);
      assertThat(new String(inbox.get(0), StandardCharsets.ISO_8859_1))
          .contains("application/pkcs7-mime");

      // Someone without a certificate: named, nothing sent, nothing lost.
      page.fill("#to", "bob@example.org, dana@partner.example");
      page.fill("#subject", "Plans for the partner");
      page.fill("#body", "Dana, Bob: the plans are attached.");
      page.setInputFiles(
          "#attachments",
          new FilePayload("plans.txt", "text/plain", "the plans".getBytes(StandardCharsets.UTF_8)));
      page.check("#encrypt");
      page.click("#send");
      assertThat(page.locator("#problem"))
          .containsText(
              "Not sent: keymail has no usable certificate to encrypt to dana@partner.example.");
      assertThat(page.locator("#subject")).hasValue("Plans for the partner");
      assertThat(page.locator("#body")).hasValue("Dana, Bob: the plans are attached.");
      assertThat(page.locator("#attached")).containsText("plans.txt");
      page.screenshot(
          new Page.ScreenshotOptions()
              .setFullPage(true)
              .setPath(SCREENSHOTS.resolve("webmail-compose-missing-certificate.png")));
      assertThat(WebmailTesting.messages(server, "bob@example.org", "INBOX")).hasSize(2);

      // The keys lock while Alice writes: the page asks for the PassKey, then sends.
      page.navigate(server.uri("/mail/compose").toString());
      page.fill("#to", "bob@example.org");
      page.fill("#subject", "Written slowly");
      page.fill("#body", "This took a while to write.");
      page.setInputFiles(
          "#attachments",
          new FilePayload(
              "draft-notes.txt", "text/plain", "notes".getBytes(StandardCharsets.UTF_8)));
      page.check("#sign");
      server.clock().advance(Duration.ofMinutes(16));
      page.click("#send");
      assertThat(page.locator("#unlock-prompt")).isVisible();
      assertThat(page.locator("#subject")).hasValue("Written slowly");
      assertThat(page.locator("#attached")).containsText("draft-notes.txt");
      WebmailBrowser.unlockInPlace(page, ACCESS_CODE);
      assertThat(page.locator("#notice")).hasText("Your message was sent.");
      inbox = WebmailTesting.messages(server, "bob@example.org", "INBOX");
      assertThat(inbox).hasSize(3);
      assertThat(new String(inbox.get(0), StandardCharsets.ISO_8859_1))
          .contains("multipart/signed")
          .contains("Written slowly")
          .contains("draft-notes.txt");

      // An attachment over the limit is refused in the page, before anything is uploaded.
      page.navigate(server.uri("/mail/compose").toString());
      page.fill("#to", "bob@example.org");
      page.fill("#subject", "Too big");
      page.setInputFiles(
          "#attachments",
          new FilePayload("big.bin", "application/octet-stream", new byte[100 * 1024]));
      page.click("#send");
      assertThat(page.locator("#problem"))
          .hasText(
              "The attachments come to 100 KB, more than a message may carry (64 KB). Remove"
                  + " some, or send them in several messages.");
      assertThat(page.locator("#subject")).hasValue("Too big");
      assertThat(WebmailTesting.messages(server, "bob@example.org", "INBOX")).hasSize(3);

      // Options preset the switches.
      page.navigate(server.uri("/mail/options").toString());
      page.check("#encrypt-all");
      page.check("#sign-all");
      page.click("#save-options");
      assertThat(page.locator("#saved")).hasText("Your options are saved.");
      page.screenshot(
          new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("webmail-options.png")));
      page.navigate(server.uri("/mail/compose").toString());
      assertThat(page.locator("#sign")).isChecked();
      assertThat(page.locator("#encrypt")).isChecked();

      // The two policies on the options page.
      ApiClient admin = organisation.administrator();
      assertThat(admin.unlock(Organisation.ACCESS_CODE).statusCode()).isEqualTo(200);
      page.navigate(server.uri("/mail/options").toString());
      assertThat(page.locator("input[name=signingCertificate]")).hasCount(2);
      admin.put("/api/v1/admin/policies/signing.certificate-choice", Map.of("value", "off"));
      page.reload();
      assertThat(page.locator("#choice-not-allowed")).isVisible();
      assertThat(page.locator("input[name=signingCertificate]")).hasCount(1);
      admin.put("/api/v1/admin/policies/signing.certificate-choice", Map.of("value", "on"));
      admin.put("/api/v1/admin/policies/signing.passkey-certificates-only", Map.of("value", "on"));
      page.reload();
      assertThat(page.locator("#passkey-only")).isVisible();
      assertThat(page.locator("input[name=signingCertificate]")).hasCount(2);
    }
  }
}
