package org.keymail.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailTesting;
import org.keymail.testing.Chromium;
import org.keymail.testing.ChromiumExtension;

/**
 * Contact support in a real Chromium with a virtual security key: a signed-in person describes
 * their problem and submits; the page shows what was sent (the service desk, the two attachments
 * with their SHA-256) and the report is in the service desk's mailbox with those very attachments.
 * The page goes to {@code docs/screenshots/support.png}.
 */
@ExtendWith(ChromiumExtension.class)
class SupportIT {

  private static final String ACCESS_CODE = "Quiet-Otter-31";
  private static final String DESK = "desk@example.org";

  @Test
  void aReportReachesTheServiceDeskAndThePageShowsWhatWasSent(BrowserContext context, Page page)
      throws Exception {
    try (Organisation organisation =
        Organisation.start("H2", Map.of("keymail.support.address", DESK))) {
      TestServer server = organisation.server();
      page.setViewportSize(1200, 900);
      Chromium.plugInSecurityKey(Chromium.devTools(context, page));
      WebmailBrowser.activate(page, server, server.invite("alice@example.org"), ACCESS_CODE);
      WebmailBrowser.signIn(page, server, ACCESS_CODE);

      page.click("#nav-support");
      page.waitForURL(server.uri("/support").toString());
      assertThat(page.locator("#support-form")).containsText(DESK);
      assertThat(page.locator("#reply-to")).hasValue("alice@example.org");
      page.fill("#description", "My messages to Carol bounce.\nWhat is wrong?");
      page.fill("#name", "Alice Doe");
      page.click("#support-submit");

      assertThat(page.locator("#support-sent")).isVisible();
      assertThat(page.locator("#sent-to")).hasText(DESK);
      assertThat(page.locator("#sent-text")).containsText("My messages to Carol bounce.");
      assertThat(page.locator("#sent-attachments tbody tr")).hasCount(2);

      List<byte[]> inbox = WebmailTesting.messages(server, DESK, "INBOX");
      assertThat(inbox).hasSize(1);
      MimeMessage report = WebmailTesting.parse(inbox.get(0));
      assertThat(report.getFrom()[0].toString()).contains("alice@example.org");
      Multipart parts = (Multipart) report.getContent();
      assertThat(parts.getCount()).isEqualTo(3);
      assertThat(String.valueOf(parts.getBodyPart(0).getContent()))
          .contains("My messages to Carol bounce.", "Alice Doe");
      for (int i = 1; i <= 2; i++) {
        BodyPart attachment = parts.getBodyPart(i);
        byte[] bytes = attachment.getInputStream().readAllBytes();
        Locator row = page.locator("#sent-attachments tbody tr").nth(i - 1);
        assertThat(row).containsText(attachment.getFileName());
        assertThat(row)
            .containsText(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
      }
      assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("audit-events.json");
      assertThat(parts.getBodyPart(2).getFileName()).isEqualTo("server-log.jsonl");

      Files.createDirectories(WebmailBrowser.SCREENSHOTS);
      page.screenshot(
          new Page.ScreenshotOptions()
              .setFullPage(true)
              .setPath(WebmailBrowser.SCREENSHOTS.resolve("support.png")));
    }
  }
}
