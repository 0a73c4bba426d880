package org.keymail.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.testing.Chromium;
import org.keymail.testing.ChromiumExtension;

/**
 * A spare PassKey added from the Dashboard in a real Chromium with two virtual security keys: the
 * sign-in is no longer fresh, so the page asks for the PassKey and access code first; the first key
 * is refused as the new one (it is registered already); the second is registered with its own
 * access code, signs in on its own, and the first is revoked. The Dashboard with both PassKeys goes
 * to {@code docs/screenshots/dashboard-spare-passkey.png}.
 */
@ExtendWith(ChromiumExtension.class)
class SparePassKeyIT {

  private static final String ACCESS_CODE = "Green-Finch-77";
  private static final String SPARE_CODE = "Amber-Heron-31";

  @Test
  void aSpareSecurityKeyIsAddedSignsInAndTheFirstIsRevoked(BrowserContext context, Page page) {
    try (Organisation organisation = Organisation.start("H2")) {
      TestServer server = organisation.server();
      page.setViewportSize(1200, 900);
      CDPSession devTools = Chromium.devTools(context, page);
      String first = Chromium.plugInSecurityKey(devTools);
      WebmailBrowser.activate(page, server, server.invite("alice@example.org"), ACCESS_CODE);
      WebmailBrowser.signIn(page, server, ACCESS_CODE);
      server.clock().advance(Duration.ofMinutes(6));

      page.navigate(server.uri("/dashboard").toString());
      assertThat(page.locator("#passkeys")).not().containsText("cannot be added here yet");
      page.fill("#spare-name", "Backup key");
      page.click("#add-passkey");
      assertThat(page.locator("#unlock-prompt .why"))
          .hasText("To add a PassKey, present one of yours and enter its access code first.");
      WebmailBrowser.unlockInPlace(page, ACCESS_CODE);
      assertThat(page.locator("#present-spare")).isVisible();

      // The key already registered is listed in excludeCredentials: it cannot be the new one.
      page.click("#present-spare");
      assertThat(page.locator("#spare-message"))
          .hasText("This PassKey is registered already. Present another one.");

      Chromium.unplug(devTools, first);
      String second = Chromium.plugInSecurityKey(devTools);
      page.click("#present-spare");
      page.fill("#spare-access-code", SPARE_CODE);
      page.fill("#spare-access-code-again", SPARE_CODE);
      page.click("#spare-submit");
      page.waitForURL(server.uri("/dashboard?done=added").toString());
      assertThat(page.locator("#notice"))
          .hasText(
              "The spare PassKey is added: it signs you in with the access code you chose for it.");
      assertThat(page.locator("#passkey-table tbody tr")).hasCount(2);

      // The spare alone signs in, with its own code.
      page.click("#logout");
      WebmailBrowser.signIn(page, server, SPARE_CODE);
      page.click("#nav-dashboard");
      assertThat(page.locator("#passkey-table tbody tr")).hasCount(2);
      assertThat(page.locator("#passkey-table tbody tr:nth-child(2) input[name=name]"))
          .hasValue("Backup key");
      assertThat(page.locator("#session-table .this-browser")).containsText("Backup key");
      page.screenshot(
          new Page.ScreenshotOptions()
              .setFullPage(true)
              .setPath(WebmailBrowser.SCREENSHOTS.resolve("dashboard-spare-passkey.png")));

      page.click("#passkey-table tbody tr:first-child .revoke-passkey");
      assertThat(page.locator("#notice"))
          .hasText("The PassKey is revoked; it can no longer sign you in.");
      assertThat(page.locator("#passkey-table tbody tr")).hasCount(1);
      assertThat(page.locator("#passkey-table input[name=name]")).hasValue("Backup key");
      assertThat(page.locator("#last-passkey")).isVisible();
      Chromium.unplug(devTools, second);
    }
  }
}
