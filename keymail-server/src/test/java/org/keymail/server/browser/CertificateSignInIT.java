package org.keymail.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ClientCertificate;
import com.microsoft.playwright.options.Cookie;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.signin.certificate.SignInCertificates;
import org.keymail.server.signin.certificate.SignInCertificates.Credential;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.testing.Chromium;
import org.keymail.testing.ChromiumExtension;
import org.keymail.testing.FreePorts;

/**
 * Certificate sign-in in a real Chromium that holds the user's certificate and key (Playwright's
 * client certificates, as a smart card or the operating system's store would offer them): the
 * sign-in page's button leads to the certificate listener, which signs the browser in and sends it
 * on to the webmail on the main listener, in the same session; a certificate not meant for sign-in
 * gets the page that says why.
 */
@ExtendWith(ChromiumExtension.class)
class CertificateSignInIT {

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void aBrowserSignsInWithItsCertificateAndReachesTheWebmail(
      String product, @TempDir Path folder, Chromium chromium) {
    int port = FreePorts.pick();
    try (Organisation organisation =
        Organisation.start(
            product, Map.of("keymail.signin.certificate.port", Integer.toString(port)))) {
      TestServer server = organisation.server();
      ApiClient administrator = organisation.administrator();
      HttpResponse<String> either =
          administrator.put("/api/v1/admin/policies/signin.webmail", Map.of("value", "either"));
      assertThat(either.statusCode()).as(either.body()).isEqualTo(200);
      ApiClient alice = organisation.user("alice@example.org");
      SignInCertificates certificates = new SignInCertificates(server, port, folder);
      Credential card = certificates.fromOrganisation(alice, "smartcard-logon", administrator);
      Credential mailOnly = certificates.fromOrganisation(alice, "secure-email", administrator);
      String origin = "https://localhost:" + port;

      try (BrowserContext context =
          chromium.newContext(
              List.of(
                  new ClientCertificate(origin)
                      .setCertPath(card.certificate())
                      .setKeyPath(card.key())))) {
        Page page = context.newPage();
        page.navigate(server.uri("/signin").toString());
        assertThat(page.locator("#signin-certificate")).isVisible();
        assertThat(page.locator("#signin-certificate"))
            .hasAttribute("href", origin + "/signin/certificate");
        WebmailBrowser.screenshot(page, "signin-certificate.png");

        page.click("#signin-certificate");
        page.waitForURL(server.uri("/mail").toString());
        assertThat(page.locator("body")).containsText("alice@example.org");
        assertThat(
                context.cookies(server.uri("/").toString()).stream()
                    .filter(c -> c.name.equals("KEYMAIL_SESSION"))
                    .count())
            .as("one session, set on the certificate listener, used on the main one")
            .isEqualTo(1);
      }

      // The administrator sets the sign-in policies in the console: one of four choices each.
      try (BrowserContext context = chromium.newContext()) {
        String session = administrator.unlockInABrowserSession(Organisation.ACCESS_CODE);
        context.addCookies(
            List.of(
                new Cookie("KEYMAIL_SESSION", session.substring(session.indexOf('=') + 1))
                    .setUrl(server.uri("/").toString())
                    .setSecure(true)
                    .setHttpOnly(true)));
        Page page = context.newPage();
        page.navigate(server.uri("/admin/policies").toString());
        assertThat(page.locator("#value-signin\\.webmail option"))
            .hasText(new String[] {"passkey", "certificate", "either", "both"});
        assertThat(page.locator("#value-signin\\.webmail")).hasValue("either");
        page.locator("#policy-signin\\.webmail").scrollIntoViewIfNeeded();
        WebmailBrowser.screenshot(page, "admin-policies-signin.png");
      }

      try (BrowserContext context =
          chromium.newContext(
              List.of(
                  new ClientCertificate(origin)
                      .setCertPath(mailOnly.certificate())
                      .setKeyPath(mailOnly.key())))) {
        Page page = context.newPage();
        page.navigate(origin + "/signin/certificate");
        assertThat(page.locator("#refusal"))
            .containsText(
                "is not meant for signing in: its extended key usage allows e-mail protection");
        assertThat(page.locator("#passkey-signin"))
            .hasAttribute("href", server.uri("/signin").toString());
        WebmailBrowser.screenshot(page, "signin-certificate-refused.png");
      }
    }
  }
}
