package org.keymail.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.google.gson.JsonParser;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import org.keymail.server.testing.TestServer;

/**
 * What the webmail's browser tests do alike: activate a PassKey from an invitation, sign in with
 * it, answer the in-page unlock prompt, ask for a certificate, and save the user guide's
 * screenshots.
 */
final class WebmailBrowser {

  /** Where the user guide's screenshots live, seen from the server module. */
  static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

  private WebmailBrowser() {}

  /** Activates the invitation {@code activationCode} with the page's security key. */
  static void activate(Page page, TestServer server, String activationCode, String accessCode) {
    page.navigate(server.uri("/activate").toString());
    page.fill("#activation-code", activationCode);
    page.click("#present-passkey");
    page.fill("#access-code", accessCode);
    page.fill("#access-code-again", accessCode);
    page.click("#activate");
    assertThat(page.locator("#done")).isVisible();
  }

  /** Signs in with the page's security key; a signed-in browser lands in the webmail. */
  static void signIn(Page page, TestServer server, String accessCode) {
    page.navigate(server.uri("/signin").toString());
    page.click("#signin-passkey");
    page.fill("#access-code", accessCode);
    page.click("#unlock");
    page.waitForURL(server.uri("/mail").toString());
  }

  /** Answers the in-page unlock prompt, which must be showing, with the PassKey and the code. */
  static void unlockInPlace(Page page, String accessCode) {
    assertThat(page.locator("#unlock-prompt")).isVisible();
    page.click("#unlock-passkey");
    page.fill("#unlock-access-code", accessCode);
    page.click("#unlock-submit");
  }

  /** Asks for an e-mail certificate from a signed-in page, as the certificate pages do; its PEM. */
  static String requestCertificate(Page page) {
    Object answer =
        page.evaluate(
            "async () => {"
                + " const header = document.querySelector('meta[name=_csrf_header]').content;"
                + " const token = document.querySelector('meta[name=_csrf]').content;"
                + " const r = await fetch('/api/v1/certificate-requests', {method: 'POST',"
                + "  headers: {'Content-Type': 'application/json', [header]: token},"
                + "  body: JSON.stringify({template: 'secure-email', keyType: 'EC_P256'})});"
                + " return await r.text(); }");
    return JsonParser.parseString((String) answer)
        .getAsJsonObject()
        .get("certificate")
        .getAsString();
  }

  /** Saves what the page shows as {@code docs/screenshots/NAME}. */
  static void screenshot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)));
  }
}
