package org.keymail.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.testing.Chromium;
import org.keymail.testing.ChromiumExtension;
import org.keymail.testing.FreePorts;

/**
 * The Dashboard's address-book page in a real Chromium: Alice, signed in with a virtual security
 * key, follows the link from the Dashboard, sees the settings for her address book and makes her
 * directory credential, whose secret the page shows once. The page goes to {@code
 * docs/screenshots/dashboard-address-book.png}.
 */
@ExtendWith(ChromiumExtension.class)
class AddressBookIT {

  private static final String ACCESS_CODE = "Green-Finch-77";

  @Test
  void aPersonMakesTheirDirectoryCredentialOnTheDashboard(BrowserContext context, Page page)
      throws Exception {
    int port = FreePorts.pick();
    try (Organisation organisation =
        Organisation.start("H2", Map.of("keymail.directory.ldap.port", Integer.toString(port)))) {
      TestServer server = organisation.server();
      page.setViewportSize(1200, 900);
      Chromium.plugInSecurityKey(Chromium.devTools(context, page));
      WebmailBrowser.activate(page, server, server.invite("alice@example.org"), ACCESS_CODE);
      WebmailBrowser.signIn(page, server, ACCESS_CODE);

      page.click("#nav-dashboard");
      page.waitForURL(server.uri("/dashboard").toString());
      page.click("#address-book-link");
      page.waitForURL(server.uri("/dashboard/address-book").toString());
      assertThat(page.locator("#directory-port")).hasText(Integer.toString(port));
      assertThat(page.locator("#directory-bind"))
          .hasText(Pattern.compile("^mail=alice@example\\.org,ou=people,dc=.+"));
      assertThat(page.locator("#directory-none")).isVisible();

      page.click("#make-credential");
      assertThat(page.locator("#directory-secret")).hasText(Pattern.compile("^[0-9A-Z]{32}$"));
      assertThat(page.locator("#directory-held")).isVisible();
      assertThat(page.locator("#revoke-credential")).isVisible();

      Files.createDirectories(WebmailBrowser.SCREENSHOTS);
      page.screenshot(
          new Page.ScreenshotOptions()
              .setFullPage(true)
              .setPath(WebmailBrowser.SCREENSHOTS.resolve("dashboard-address-book.png")));
    }
  }
}
