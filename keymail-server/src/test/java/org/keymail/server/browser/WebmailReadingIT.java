package org.keymail.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.MailFixtures;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.TestPki;
import org.keymail.testing.Chromium;
import org.keymail.testing.ChromiumExtension;
import org.keymail.testing.FreePorts;

/**
 * Reading mail in a real Chromium with a virtual security key: the inbox, a trusted signed message
 * with Signed by, an encrypted message whose pane stays empty until the PassKey is used in the page
 * (then its attachment downloads byte for byte), an outside signer who is not trusted and is added
 * to the contacts, and three wrong access codes at the prompt locking the PassKey. Takes the
 * screenshots of the user guide ({@code docs/screenshots}).
 */
@ExtendWith(ChromiumExtension.class)
class WebmailReadingIT {

  private static final String ACCESS_CODE = "Blue-Heron-42";
  private static final Path SCREENSHOTS = WebmailBrowser.SCREENSHOTS;

  @Test
  void readSignedEncryptedAndOutsideMailAndKeepAContact(BrowserContext context, Page page)
      throws Exception {
    int smtp = FreePorts.pick();
    try (Organisation organisation =
        Organisation.start("H2", Map.of("keymail.mail.embedded-smtp-port", "" + smtp))) {
      TestServer server = organisation.server();
      page.setViewportSize(1280, 800);
      Chromium.plugInSecurityKey(Chromium.devTools(context, page));
      WebmailBrowser.activate(page, server, server.invite("bob@example.org"), ACCESS_CODE);
      WebmailBrowser.signIn(page, server, ACCESS_CODE);
      X509Certificate bobs = MailFixtures.certificate(WebmailBrowser.requestCertificate(page));

      ApiClient alice = organisation.user("alice@example.org");
      Identity alices = MailFixtures.organisationIdentity(alice, "alice@example.org");
      Identity dave = TestPki.create().user("dave@partner.example", KeyType.EC_P256);
      byte[] report = new byte[48_000];
      new Random(11).nextBytes(report);
      MailFixtures.deliver(
          smtp,
          "dave@partner.example",
          "bob@example.org",
          MailFixtures.signed(
              MailFixtures.text(
                  "Dave Partner <dave@partner.example>",
                  "bob@example.org",
                  "Offer for the spring order",
                  "Hello Bob,\n\nhere is our offer for the spring order.\n\nDave"),
              dave));
      MailFixtures.deliver(
          smtp,
          "alice@example.org",
          "bob@example.org",
          MailFixtures.encrypted(
              Messages.withAttachment(
                  "Alice Example <alice@example.org>", "bob@example.org", report, "report.bin"),
              bobs));
      MailFixtures.deliver(
          smtp,
          "alice@example.org",
          "bob@example.org",
          MailFixtures.signed(
              MailFixtures.text(
                  "Alice Example <alice@example.org>",
                  "bob@example.org",
                  "Minutes of Tuesday's meeting",
                  "Hi Bob,\n\nthe minutes are below.\n\n1. Budget approved.\n2. Next meeting"
                      + " on Friday.\n\nAlice"),
              alices));

      // The inbox, newest first, with icons that have words.
      page.navigate(server.uri("/mail").toString());
      assertThat(page.locator("#message-list tbody tr")).hasCount(3);
      assertThat(page.locator("#message-list tbody tr").first())
          .containsText("Minutes of Tuesday's meeting");
      assertThat(page.locator("#message-list [aria-label=Encrypted]")).hasCount(1);
      page.screenshot(
          new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("webmail-inbox.png")));
      page.setViewportSize(390, 844);
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(SCREENSHOTS.resolve("webmail-inbox-phone.png"))
              .setFullPage(true));
      page.setViewportSize(1280, 800);

      // A signed message from a colleague: trusted, Signed by shown apart from From.
      page.click("text=Minutes of Tuesday's meeting");
      assertThat(page.locator("#verdict-headline")).hasText("Signed and trusted");
      assertThat(page.locator("#signed-by-address")).hasText("alice@example.org");
      assertThat(page.locator("#signer-mismatch")).hasCount(0);
      page.locator("#verdict-details summary").click();
      assertThat(page.locator("#certificate-chain tbody tr")).hasCount(3);
      page.screenshot(
          new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("webmail-signed.png")));
      page.setViewportSize(390, 844);
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(SCREENSHOTS.resolve("webmail-signed-phone.png"))
              .setFullPage(true));
      page.setViewportSize(1280, 800);

      // The keys lock: the encrypted message shows its outer header and the prompt, nothing else.
      server.clock().advance(Duration.ofMinutes(16));
      page.navigate(server.uri("/mail").toString());
      page.click("text=report attached");
      assertThat(page.locator("#unlock-prompt")).isVisible();
      assertThat(page.locator("#body")).hasCount(0);
      assertThat(page.locator("#attachments")).hasCount(0);
      page.screenshot(
          new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("webmail-locked.png")));
      page.click("#unlock-passkey");
      page.fill("#unlock-access-code", ACCESS_CODE);
      page.waitForNavigation(() -> page.click("#unlock-submit"));
      assertThat(page.locator("#body-text")).containsText("The report is attached.");
      Download download = page.waitForDownload(() -> page.click("#attachment-1"));
      assertThat(download.suggestedFilename()).isEqualTo("report.bin");
      assertThat(Files.readAllBytes(download.path())).isEqualTo(report);

      // An outside signer: not trusted; added to the contacts.
      page.navigate(server.uri("/mail").toString());
      page.click("text=Offer for the spring order");
      assertThat(page.locator("#verdict-headline"))
          .hasText("Signed, but the signer is not trusted");
      assertThat(page.locator("#signed-by-address")).hasText("dave@partner.example");
      page.screenshot(
          new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("webmail-untrusted.png")));
      page.click("#add-contact");
      assertThat(page).hasURL(server.uri("/mail/contacts").toString());
      assertThat(page.locator("#notice")).hasText("dave@partner.example added to your contacts.");
      assertThat(page.locator("#contacts")).containsText("dave@partner.example");
      assertThat(page.locator("#contacts")).containsText("alice@example.org");
      page.screenshot(
          new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("webmail-contacts.png")));

      // Three wrong access codes at the prompt lock the PassKey, and the prompt says until when.
      server.clock().advance(Duration.ofMinutes(16));
      page.navigate(server.uri("/mail").toString());
      page.click("text=report attached");
      for (String wrong : new String[] {"blue-heron-42", "wrong", "still wrong"}) {
        page.click("#unlock-passkey");
        page.fill("#unlock-access-code", wrong);
        page.click("#unlock-submit");
        assertThat(page.locator("#unlock-message")).not().isEmpty();
      }
      assertThat(page.locator("#unlock-message")).containsText("PassKey locked until");
      assertThat(page.locator("#unlock-message")).containsText("after 3 wrong access codes");
      assertThat(page.locator("#body")).hasCount(0);
    }
  }
}
