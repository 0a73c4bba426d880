package org.keymail.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keymail.mail.testing.DovecotMailSystem;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.testing.Chromium;
import org.keymail.testing.ChromiumExtension;
import org.keymail.testing.FreePorts;

/**
 * Two nodes on one PostgreSQL database in a real Chromium with a virtual security key: Alice signs
 * in on node A and goes on on node B (a browser's cookies belong to the host, not the port, as they
 * would to a load balancer's one name): the webmail, a certificate asked for from node B's page,
 * the Dashboard; she signs out on node B and node A sends her to sign in.
 */
@ExtendWith(ChromiumExtension.class)
class TwoNodesIT {

  private static final String ACCESS_CODE = "Brave-Heron-31";

  @Test
  void signedInOnNodeAGoesOnOnNodeBAndSignsOutOfBoth(BrowserContext context, Page page)
      throws Exception {
    int portB = FreePorts.pick();
    try (DovecotMailSystem mail =
        DovecotMailSystem.start(List.of("alice@example.org", "admin@keymail.localhost"))) {
      Map<String, String> settingsA = mailSettings(mail);
      settingsA.put(
          "keymail.webauthn.origins",
          "https://localhost:${server.port},https://localhost:" + portB);
      try (Organisation organisation = Organisation.start("POSTGRESQL", settingsA)) {
        TestServer nodeA = organisation.server();
        Map<String, String> settingsB = mailSettings(mail);
        settingsB.put(
            "keymail.webauthn.origins",
            "https://localhost:" + nodeA.port() + ",https://localhost:" + portB);
        try (TestServer nodeB = nodeA.anotherNode(portB, settingsB)) {
          page.setViewportSize(1200, 800);
          Chromium.plugInSecurityKey(Chromium.devTools(context, page));
          WebmailBrowser.activate(page, nodeA, nodeA.invite("alice@example.org"), ACCESS_CODE);
          WebmailBrowser.signIn(page, nodeA, ACCESS_CODE);

          Cookie session =
              context.cookies().stream()
                  .filter(c -> c.name.equals("KEYMAIL_SESSION"))
                  .findFirst()
                  .orElseThrow();
          assertThat(session.secure).isTrue();
          assertThat(session.httpOnly).isTrue();
          assertThat(session.sameSite).isEqualTo(SameSiteAttribute.STRICT);

          page.navigate(nodeB.uri("/mail").toString());
          assertThat(page).hasURL(nodeB.uri("/mail").toString());
          assertThat(page.locator("#signed-in-as")).hasText("alice@example.org");
          assertThat(WebmailBrowser.requestCertificate(page)).startsWith("-----BEGIN CERTIFICATE");

          page.navigate(nodeB.uri("/dashboard").toString());
          assertThat(page.locator("#certificate-table tbody tr")).hasCount(1);
          assertThat(page.locator("#session-table .here")).hasText("this browser");

          page.navigate(nodeA.uri("/dashboard").toString());
          assertThat(page.locator("#certificate-table tbody tr")).hasCount(1);

          page.navigate(nodeB.uri("/mail").toString());
          page.click("#logout");
          page.waitForURL(nodeB.uri("/signin?signedOut").toString());
          page.navigate(nodeA.uri("/mail").toString());
          assertThat(page).hasURL(nodeA.uri("/signin").toString());
        }
      }
    }
  }

  private static Map<String, String> mailSettings(DovecotMailSystem mail) {
    Map<String, String> settings = new HashMap<>();
    settings.put("keymail.mail.imap-host", "127.0.0.1");
    settings.put("keymail.mail.imap-port", Integer.toString(mail.imapPort()));
    settings.put("keymail.mail.imap-security", "none");
    settings.put("keymail.mail.master-user", mail.masterUser());
    settings.put("keymail.mail.master-secret", mail.masterSecret());
    settings.put("keymail.mail.smtp-host", "127.0.0.1");
    settings.put("keymail.mail.smtp-port", Integer.toString(mail.smtpPort()));
    settings.put("keymail.mail.smtp-security", "none");
    return settings;
  }
}
