package org.keymail.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.testing.Chromium;
import org.keymail.testing.ChromiumExtension;

/**
 * The certsrv-like pages in a real Chromium, each person with a virtual security key as PassKey: a
 * user requests an administrator-approved certificate ("Pending: request ID"), the administrator
 * approves it on "Certificate requests", the user installs it from "View the status of a pending
 * certificate request" and finds it among their certificates.
 */
@ExtendWith(ChromiumExtension.class)
class CertificateEnrollmentIT {

  private static final String ACCESS_CODE = "Green-Finch-31";
  private static final Pattern PENDING = Pattern.compile("Pending: request ([0-9a-f-]{36})");

  @Test
  void userRequestsAdministratorApprovesUserInstallsAndSeesTheCertificate(Chromium chromium) {
    Organisation.Bootstrap bootstrap = Organisation.bootstrap("H2");
    try (TestServer server = bootstrap.server();
        BrowserContext userContext = chromium.newContext();
        BrowserContext adminContext = chromium.newContext()) {
      Page user = userContext.newPage();
      Chromium.plugInSecurityKey(Chromium.devTools(userContext, user));
      Page admin = adminContext.newPage();
      Chromium.plugInSecurityKey(Chromium.devTools(adminContext, admin));
      activateAndSignIn(user, server, server.invite("ivy@example.org"));
      activateAndSignIn(admin, server, bootstrap.firstAdministratorCode());

      user.click("#request-certificate");
      user.selectOption("#template", "user");
      // Every key type the template allows is offered, as keymail writes key types everywhere.
      assertThat(user.locator("#key-type option"))
          .hasText(new String[] {"rsa-2048", "rsa-3072", "rsa-4096", "ec-p256", "ec-p384"});
      user.selectOption("#key-type", "ec-p384");
      user.click("#submit-request");
      assertThat(user.locator("#outcome")).containsText("Pending: request ");
      Matcher pending = PENDING.matcher(user.locator("#outcome").textContent());
      assertThat(pending.find()).isTrue();
      String requestId = pending.group(1);

      admin.click("#admin-requests");
      Locator row = admin.locator("#pending tr[data-id='" + requestId + "']");
      assertThat(row).containsText("ivy@example.org");
      row.locator("button.approve").click();
      assertThat(admin.locator("#outcome")).containsText("Approved request " + requestId);

      user.navigate(server.uri("/home").toString());
      user.click("#request-status");
      Locator mine = user.locator("#requests tr[data-id='" + requestId + "']");
      assertThat(mine.locator(".status")).hasText("ISSUED");
      mine.locator("button.install").click();
      assertThat(user.locator("#outcome")).containsText("Installed the certificate with serial ");
      assertThat(mine.locator(".status")).containsText("ISSUED, installed (serial ");
      String serial =
          user.locator("#outcome").textContent().replaceAll(".*serial ([0-9a-f]+)\\..*", "$1");
      Object listed =
          user.evaluate(
              "async () => (await (await fetch('/api/v1/certificates')).json())"
                  + ".map(c => c.serialNumber)");
      assertThat(listed.toString()).contains(serial);
    }
  }

  private static void activateAndSignIn(Page page, TestServer server, String activationCode) {
    page.navigate(server.uri("/activate").toString());
    page.fill("#activation-code", activationCode);
    page.click("#present-passkey");
    page.fill("#access-code", ACCESS_CODE);
    page.fill("#access-code-again", ACCESS_CODE);
    page.click("#activate");
    assertThat(page.locator("#done")).isVisible();
    page.navigate(server.uri("/signin").toString());
    page.click("#signin-passkey");
    page.fill("#access-code", ACCESS_CODE);
    Response finished =
        page.waitForResponse(
            r -> r.url().endsWith("/api/v1/unlock/finish"), () -> page.click("#unlock"));
    assertThat(finished.ok()).isTrue();
    page.waitForURL(server.uri("/mail").toString());
    page.navigate(server.uri("/home").toString());
  }
}
