package org.keymail.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.options.SendingRules;
import org.keymail.testing.Chromium;
import org.keymail.testing.ChromiumExtension;
import org.keymail.testing.Openssl;

/**
 * The admin console in a real Chromium with a virtual security key: the first administrator signs
 * in, follows the top bar's "Admin" link, invites a user (the code shows once), disables and
 * enables them, filters the audit log and verifies its chain, and changes a policy (a wrong value
 * refused beside it), requires signed mail (the compose page then shows Sign on and locked, with
 * the sentence why) and allows AES-256-GCM alone, and on the Trusted roots page imports a partner's
 * root and allows it for certificate sign-in. Screenshots of the sections go to {@code
 * docs/screenshots}.
 */
@ExtendWith(ChromiumExtension.class)
class AdminConsoleIT {

  private static final String ACCESS_CODE = "Calm-Heron-42";

  @Test
  void inviteDisableEnableFilterTheAuditLogAndChangeAPolicy(
      @TempDir Path directory, BrowserContext context, Page page) throws Exception {
    Organisation.Bootstrap bootstrap = Organisation.bootstrap("H2");
    try (TestServer server = bootstrap.server()) {
      page.setViewportSize(1280, 860);
      Chromium.plugInSecurityKey(Chromium.devTools(context, page));
      WebmailBrowser.activate(page, server, bootstrap.firstAdministratorCode(), ACCESS_CODE);
      WebmailBrowser.signIn(page, server, ACCESS_CODE);

      page.click("#nav-admin");
      assertThat(page.locator("#user-count")).hasText("1 user");

      // Users: invite, disable, enable.
      page.click("#admin-users");
      page.fill("#email", "dana@example.org");
      page.fill("#display-name", "Dana Scully");
      page.click("#invite");
      assertThat(page.locator("#invited")).containsText("dana@example.org is invited");
      assertThat(page.locator("#activation-code")).not().isEmpty();
      page.fill("#email", "frank@example.org");
      page.fill("#display-name", "Frank Black");
      page.click("#invite");
      Locator dana = page.locator("#users tr[data-email='dana@example.org']");
      dana.locator("button.disable").click();
      assertThat(page.locator("#notice")).containsText("The user is disabled");
      page.click("#enable");
      assertThat(page.locator("#notice")).hasText("The user is enabled: they can sign in again.");
      page.click("#disable");
      page.click("#admin-users");
      assertThat(page.locator("#users tr[data-email='dana@example.org'] .status-DISABLED"))
          .hasText("Disabled");
      WebmailBrowser.screenshot(page, "admin-users.png");

      // Audit log: filtered to one user, the chain verified.
      page.click("#admin-audit");
      page.fill("#user", "dana@example.org");
      page.click("#filter");
      assertThat(page.locator("#events tbody tr")).hasCount(4);
      assertThat(page.locator("#events")).containsText("USER_DISABLE");
      page.click("#verify");
      assertThat(page.locator("#verdict")).containsText("The audit chain holds: all");
      WebmailBrowser.screenshot(page, "admin-audit.png");

      // Policies: a wrong value refused beside the policy, then a good one saved.
      page.click("#admin-policies");
      page.fill("[id='value-session.idle-minutes']", "2000");
      page.click("[id='save-session.idle-minutes']");
      assertThat(page.locator("[id='policy-session.idle-minutes'] .problem"))
          .hasText("Not saved: session.idle-minutes is between 1 and 1440 minutes, not 2000.");
      page.fill("[id='value-session.idle-minutes']", "30");
      page.click("[id='save-session.idle-minutes']");
      assertThat(page.locator("#saved")).hasText("Saved: session.idle-minutes.");
      assertThat(page.locator("[id='policy-session.idle-minutes'] .value")).hasText("30 minutes");
      WebmailBrowser.screenshot(page, "admin-policies.png");

      // The mail policies: signing required, AES-256-GCM alone; the webmail then shows Sign on,
      // locked, with the sentence why.
      page.selectOption("[id='value-mail.sign']", "required");
      page.click("[id='save-mail.sign']");
      assertThat(page.locator("#saved")).hasText("Saved: mail.sign.");
      page.uncheck("[id='value-mail.encryption-algorithms-aes-256-cbc']");
      page.click("[id='save-mail.encryption-algorithms']");
      assertThat(page.locator("#saved")).hasText("Saved: mail.encryption-algorithms.");
      assertThat(page.locator("[id='policy-mail.encryption-algorithms'] .value"))
          .hasText("aes-256-gcm");
      assertThat(page.locator("[id='policy-mail.sign'] .value")).hasText("required");
      page.evaluate("document.getElementById('policy-mail.sign').scrollIntoView()");
      WebmailBrowser.screenshot(page, "admin-policies-mail.png");
      page.navigate(server.uri("/mail/compose").toString());
      assertThat(page.locator("#sign")).isChecked();
      assertThat(page.locator("#sign")).isDisabled();
      assertThat(page.locator("#encrypt")).isEnabled();
      assertThat(page.locator("#sign-required")).hasText(SendingRules.SIGNING_REQUIRED);
      WebmailBrowser.screenshot(page, "webmail-compose-sign-required.png");
      page.click("#nav-admin");

      // Trusted roots: the organisation's CA is listed; the public roots are opted into; a
      // partner's root is imported and allowed for certificate sign-in.
      page.click("#admin-trust");
      assertThat(page.locator("#roots")).containsText("keymail Root CA");
      page.click("#public-roots");
      assertThat(page.locator("#notice")).hasText("The public roots are trusted now.");
      assertThat(page.locator("#public-state")).containsText("public roots the Java runtime ships");
      // openssl dates the root by the real clock; the server's starts at the whole minute.
      server.clock().advance(Duration.between(server.clock().instant(), Instant.now()));
      page.fill("#pem", partnerRoot(directory));
      page.click("#import");
      assertThat(page.locator("#notice")).containsText("The root is imported");
      Locator partner = page.locator("#roots tr", new Page.LocatorOptions().setHasText("Partner"));
      assertThat(partner.locator(".signin-state")).hasText("Not allowed");
      partner.locator("button.signin-toggle").click();
      assertThat(page.locator("#notice"))
          .hasText("Certificates issued by CN=Partner Root CA sign people in now.");
      assertThat(partner.locator(".signin-state")).hasText("Allowed");
      assertThat(
              page.locator("#roots tr", new Page.LocatorOptions().setHasText("keymail Root CA"))
                  .locator(".signin-state"))
          .hasText("Always");
      WebmailBrowser.screenshot(page, "admin-trust.png");
    }
  }

  /** A partner CA's self-signed root, as PEM. */
  private static String partnerRoot(Path directory) throws Exception {
    return new Openssl(directory).selfSignedRoot("/CN=Partner Root CA");
  }
}
