package org.keymail.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.testing.Chromium;
import org.keymail.testing.ChromiumExtension;

/**
 * The console's user page and system page in a real Chromium with a virtual security key: the
 * administrator ends one of Bob's unlock sessions and revokes one of his two PassKeys, then reads
 * the system page, then changes a certificate template. Screenshots go to {@code
 * docs/screenshots/admin-user.png}, {@code admin-system.png} and {@code admin-templates.png}.
 */
@ExtendWith(ChromiumExtension.class)
class AdminUserAndSystemIT {

  private static final String ACCESS_CODE = "Calm-Heron-42";
  private static final String BOBS_CODE = "Bright-Wren-19";

  @Test
  void endASessionRevokeAPassKeyReadTheSystemPageAndChangeATemplate(
      BrowserContext context, Page page) {
    Organisation.Bootstrap bootstrap = Organisation.bootstrap("H2");
    try (TestServer server = bootstrap.server()) {
      page.setViewportSize(1280, 860);
      Chromium.plugInSecurityKey(Chromium.devTools(context, page));
      WebmailBrowser.activate(page, server, bootstrap.firstAdministratorCode(), ACCESS_CODE);
      WebmailBrowser.signIn(page, server, ACCESS_CODE);

      // Bob: a software PassKey, a spare one a minute later, a session opened with each.
      ApiClient bob = new ApiClient(server);
      assertThat(bob.activate(server.invite("bob@example.org"), BOBS_CODE).statusCode())
          .isEqualTo(201);
      assertThat(bob.unlock(BOBS_CODE).statusCode()).isEqualTo(200);
      server.clock().advance(Duration.ofMinutes(1));
      ApiClient spare = new ApiClient(server);
      assertThat(bob.addSparePassKey(spare, "Spare key", BOBS_CODE).statusCode()).isEqualTo(201);
      assertThat(spare.unlock(BOBS_CODE).statusCode()).isEqualTo(200);

      page.navigate(server.uri("/admin/users/bob@example.org").toString());
      assertThat(page.locator("#sessions tbody tr")).hasCount(2);
      Locator original = page.locator("#sessions tbody tr").filter(hasText("Software PassKey"));
      original.locator(".end-session").click();
      assertThat(page.locator("#notice"))
          .hasText("The session is ended; that browser must unlock the keys again.");
      assertThat(page.locator("#sessions tbody tr")).hasCount(1);
      assertThat(bob.get("/api/v1/passkeys").statusCode()).isEqualTo(401);

      page.locator("#passkeys tbody tr")
          .filter(hasText("Software PassKey"))
          .locator(".revoke-passkey")
          .click();
      assertThat(page.locator("#notice"))
          .hasText(
              "The PassKey is revoked and the sessions it opened have ended; they still have 1"
                  + " PassKey.");
      assertThat(page.locator("#passkeys tbody tr").filter(hasText("Software PassKey")))
          .containsText("Revoked");
      assertThat(page.locator("#passkeys tbody tr").filter(hasText("Spare key")))
          .containsText("In use");
      screenshot(page, "admin-user.png");

      page.click("#admin-system");
      assertThat(page.locator("#components tbody tr")).hasCount(6);
      assertThat(page.locator("#components tr[data-component='Database'] .health"))
          .hasText("Working");
      assertThat(page.locator("#components tr[data-component='Mail server'] .state"))
          .containsText("answers now");
      assertThat(page.locator("#components tr[data-component='HSM'] .health")).hasText("Not used");
      assertThat(page.locator("#components tr[data-component='Directory over LDAP'] .health"))
          .hasText("Not used");
      screenshot(page, "admin-system.png");

      // Templates: Secure Email's validity changed; a refusal beside it first.
      page.click("#admin-templates");
      page.fill("#days-secure-email", "9000");
      page.click("#save-secure-email");
      assertThat(page.locator("#template-secure-email .problem")).containsText("gives 9000 days");
      page.fill("#days-secure-email", "200");
      page.click("#save-secure-email");
      assertThat(page.locator("#saved")).hasText("Saved: secure-email.");
      assertThat(page.locator("#template-secure-email")).containsText("200 days");
      screenshot(page, "admin-templates.png");
    }
  }

  private static Locator.FilterOptions hasText(String text) {
    return new Locator.FilterOptions().setHasText(text);
  }

  private static void screenshot(Page page, String name) {
    page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(true)
            .setPath(WebmailBrowser.SCREENSHOTS.resolve(name)));
  }
}
