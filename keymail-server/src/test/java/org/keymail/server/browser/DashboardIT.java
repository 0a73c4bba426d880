package org.keymail.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;
import org.keymail.testing.Chromium;
import org.keymail.testing.ChromiumExtension;

/**
 * The dashboard in a real Chromium with a virtual security key: signed in twice (two unlock
 * sessions), Alice imports a .p12 of another CA, renames her PassKey and ends the older session.
 * The page goes to {@code docs/screenshots/dashboard.png}.
 */
@ExtendWith(ChromiumExtension.class)
class DashboardIT {

  private static final String ACCESS_CODE = "Green-Finch-77";

  @Test
  void importRenameAndEndASessionFromTheDashboard(BrowserContext context, Page page)
      throws Exception {
    try (Organisation organisation = Organisation.start("H2")) {
      TestServer server = organisation.server();
      page.setViewportSize(1200, 900);
      Chromium.plugInSecurityKey(Chromium.devTools(context, page));
      WebmailBrowser.activate(page, server, server.invite("alice@example.org"), ACCESS_CODE);
      WebmailBrowser.signIn(page, server, ACCESS_CODE);
      WebmailBrowser.requestCertificate(page);
      // A second sign-in leaves the first unlock session open: two to see, one to end.
      WebmailBrowser.signIn(page, server, ACCESS_CODE);

      page.click("#nav-dashboard");
      page.waitForURL(server.uri("/dashboard").toString());
      assertThat(page.locator("#certificate-table tbody tr")).hasCount(1);
      assertThat(page.locator("#session-table tbody tr")).hasCount(2);

      page.setInputFiles(
          "#import-file",
          new FilePayload(
              "alice.p12",
              "application/x-pkcs12",
              pkcs12(TestPki.create().user("alice@example.org", KeyType.EC_P256))));
      page.fill("#import-password", "wrong-password");
      page.click("#import-submit");
      assertThat(page.locator("#problem"))
          .hasText("The password does not open this file. Type the password it was exported with.");
      page.setInputFiles(
          "#import-file",
          new FilePayload(
              "alice.p12",
              "application/x-pkcs12",
              pkcs12(TestPki.create().user("alice@example.org", KeyType.EC_P256))));
      page.fill("#import-password", "import-pass");
      page.click("#import-submit");
      assertThat(page.locator("#notice")).hasText("The file was imported; it is not kept.");
      assertThat(page.locator("#certificate-table tbody tr")).hasCount(2);

      page.locator("#passkey-table input[name=name]").fill("Alice's security key");
      page.click("#passkey-table .rename-passkey");
      assertThat(page.locator("#notice")).hasText("The PassKey has its new name.");
      assertThat(page.locator("#passkey-table input[name=name]")).hasValue("Alice's security key");

      page.click("#session-table tr:not(.this-browser) .end-session");
      assertThat(page.locator("#notice"))
          .hasText("The session is ended; that browser must unlock your keys again.");
      assertThat(page.locator("#session-table tbody tr")).hasCount(1);
      assertThat(page.locator("#session-table .here")).hasText("this browser");

      Files.createDirectories(WebmailBrowser.SCREENSHOTS);
      page.screenshot(
          new Page.ScreenshotOptions()
              .setFullPage(true)
              .setPath(WebmailBrowser.SCREENSHOTS.resolve("dashboard.png")));
    }
  }

  private static byte[] pkcs12(Identity identity) {
    return identity.pkcs12("import-pass");
  }
}
