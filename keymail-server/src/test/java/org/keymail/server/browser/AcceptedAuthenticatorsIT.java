package org.keymail.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.keymail.server.webmail.compose.WebmailTesting.fields;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms;
import org.keymail.server.webmail.compose.WebmailTesting;
import org.keymail.testing.Chromium;
import org.keymail.testing.ChromiumExtension;

/**
 * The policy "accepted authenticators" as a person meets it in Chromium: with only a YubiKey model
 * accepted, activating with the browser's (virtual) security key is refused, naming that key's
 * AAGUID as the browser reported it; once that model is listed too, the same key is registered. The
 * policy's section of the policies page goes to {@code
 * docs/screenshots/admin-accepted-authenticators.png}.
 */
@ExtendWith(ChromiumExtension.class)
class AcceptedAuthenticatorsIT {

  private static final String YUBIKEY_5 = "cb69481e-8ff7-4039-93ec-0a2729a154a8";

  private static final Pattern AAGUID = Pattern.compile("AAGUID ([0-9a-f-]{36})");

  @Test
  void anAuthenticatorNotListedIsRefusedByItsAaguid(BrowserContext context, Page page) {
    try (Organisation organisation = Organisation.start("H2")) {
      TestServer server = organisation.server();
      WebmailForms admin = WebmailTesting.browser(server, organisation.administrator());
      admin.get("/admin/policies"); // the form's CSRF token
      admin.postForm("/admin/authenticators", fields("aaguid", YUBIKEY_5, "name", "YubiKey 5"));
      admin.get("/admin/policies"); // shows, and so uses up, the sentence saying what was done

      Chromium.plugInSecurityKey(Chromium.devTools(context, page));
      page.navigate(server.uri("/activate").toString());
      String code = server.invite("dana@example.org");
      page.fill("#activation-code", code);
      page.click("#present-passkey");
      page.fill("#access-code", "Quiet-Otter-58");
      page.fill("#access-code-again", "Quiet-Otter-58");
      page.click("#activate");
      assertThat(page.locator("#message"))
          .hasText(
              Pattern.compile(
                  "This authenticator \\(AAGUID (?!00000000-0000-0000-0000-000000000000)[0-9a-f-]{36}\\)"
                      + " is not one your organisation accepts; it accepts YubiKey 5"));
      assertThat(page.locator("#done")).isHidden();

      // Once that model is listed too, the same key is registered (its attestation is accepted).
      Matcher refused = AAGUID.matcher(page.locator("#message").textContent());
      org.assertj.core.api.Assertions.assertThat(refused.find()).isTrue();
      admin.postForm(
          "/admin/authenticators", fields("aaguid", refused.group(1), "name", "Chromium's key"));
      admin.get("/admin/policies");
      WebmailBrowser.activate(page, server, code, "Quiet-Otter-58");

      // The policy as the administrator sees it, in the administrator's browser session.
      String[] cookie = admin.sessionCookie().split("=", 2);
      context.addCookies(
          java.util.List.of(
              new com.microsoft.playwright.options.Cookie(cookie[0], cookie[1])
                  .setUrl(server.uri("/").toString())));
      page.setViewportSize(1280, 860);
      page.navigate(server.uri("/admin/policies").toString());
      assertThat(page.locator("#authenticator-policy"))
          .hasText(
              "Only these authenticators are accepted; any other is refused at registration,"
                  + " naming it.");
      assertThat(page.locator("#accepted-authenticators tbody tr")).hasCount(2);
      page.locator("#authenticators")
          .screenshot(
              new com.microsoft.playwright.Locator.ScreenshotOptions()
                  .setPath(
                      WebmailBrowser.SCREENSHOTS.resolve("admin-accepted-authenticators.png")));
    }
  }
}
