package org.keymail.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.TestServer;
import org.keymail.testing.Chromium;
import org.keymail.testing.ChromiumExtension;

/**
 * The PassKey pages in a real Chromium with a virtual security key: activation of an invited user,
 * sign-in with PassKey and access code, lockout after three wrong codes and sign-in after it
 * expires (the server's clock is moved, nobody sleeps), sign-out.
 */
@ExtendWith(ChromiumExtension.class)
class PassKeySignInIT {

  private static final String ACCESS_CODE = "Blue-Heron-42";

  /** Half an hour off any whole-hour zone, so a time shown in the server's zone cannot match. */
  private static final String BROWSER_ZONE = "Asia/Kolkata";

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void invitedUserActivatesAPassKeySignsInAndSignsOut(
      String product, BrowserContext context, Page page) {
    try (TestServer server = TestServer.start(product)) {
      Chromium.plugInSecurityKey(Chromium.devTools(context, page));

      activate(page, server, server.invite("alice@example.org"));
      page.navigate(server.uri("/signin").toString());
      assertThat(context.cookies().stream().map(c -> c.name))
          .as("looking at the sign-in page makes no session")
          .doesNotContain("KEYMAIL_SESSION");
      // A session id planted by someone else (session fixation) is never the one signed in.
      context.addCookies(
          List.of(
              new com.microsoft.playwright.options.Cookie("KEYMAIL_SESSION", "PLANTED0123456789")
                  .setUrl(server.uri("/").toString())));
      signIn(page, server, ACCESS_CODE);

      assertThat(page).hasURL(server.uri("/mail").toString());
      assertThat(sessionCookie(context))
          .as("a new session id at sign-in (session fixation)")
          .isNotEqualTo("PLANTED0123456789");
      assertThat(page.locator("#signed-in-as")).hasText("alice@example.org");

      page.click("#logout");
      assertThat(page.locator("#signed-out")).hasText("You are signed out. Your keys are locked.");
      page.navigate(server.uri("/home").toString());
      assertThat(page).hasURL(server.uri("/signin").toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void threeWrongCodesLockThePassKeyForFifteenMinutes(String product, Chromium chromium) {
    // The browser is in Kolkata (UTC+05:30), the server's clock in UTC: the page shows local time.
    try (TestServer server = TestServer.start(product);
        BrowserContext context = chromium.newContext(BROWSER_ZONE)) {
      Page page = context.newPage();
      Chromium.plugInSecurityKey(Chromium.devTools(context, page));
      activate(page, server, server.invite("bob@example.org"));
      String lockedUntil =
          DateTimeFormatter.ofPattern("HH:mm")
              .format(
                  server
                      .clock()
                      .instant()
                      .plus(Duration.ofMinutes(15))
                      .atZone(ZoneId.of(BROWSER_ZONE)));

      signIn(page, server, "blue-heron-42");
      assertThat(page.locator("#message"))
          .hasText("Wrong access code: 2 tries left before this PassKey locks for 15 minutes");
      signIn(page, server, "wrong");
      assertThat(page.locator("#message"))
          .hasText("Wrong access code: 1 try left before this PassKey locks for 15 minutes");
      signIn(page, server, "still wrong");
      assertThat(page.locator("#message"))
          .hasText("PassKey locked until " + lockedUntil + " after 3 wrong access codes");
      signIn(page, server, ACCESS_CODE);
      assertThat(page.locator("#message")).containsText("PassKey locked until " + lockedUntil);

      server.clock().advance(Duration.ofMinutes(15));
      signIn(page, server, ACCESS_CODE);

      assertThat(page.locator("#signed-in-as")).hasText("bob@example.org");
    }
  }

  @Test
  void aMissingPassKeyAsksToPresentIt(BrowserContext context, Page page) {
    try (TestServer server = TestServer.start("H2")) {
      CDPSession cdp = Chromium.devTools(context, page);
      String key = Chromium.plugInSecurityKey(cdp);
      activate(page, server, server.invite("carol@example.org"));
      Chromium.unplug(cdp, key);
      Chromium.plugInSecurityKey(cdp);

      page.navigate(server.uri("/signin").toString());
      page.click("#signin-passkey");

      assertThat(page.locator("#message")).containsText("Present your PassKey");
      assertThat(page.locator("#code-step")).isHidden();
    }
  }

  @Test
  void noPageHasAPasswordField(Page page) {
    try (TestServer server = TestServer.start("H2")) {
      for (String path : new String[] {"/signin", "/activate"}) {
        page.navigate(server.uri(path).toString());
        assertThat(page.locator("input").count()).isPositive();
        assertThat(page.locator("input[type=password]").count()).isZero();
      }
    }
  }

  /** The session cookie's value; it is Secure, HTTP-only and SameSite=Strict. */
  private static String sessionCookie(BrowserContext context) {
    var cookie =
        context.cookies().stream()
            .filter(c -> c.name.equals("KEYMAIL_SESSION"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no KEYMAIL_SESSION cookie"));
    assertThat(cookie.secure).isTrue();
    assertThat(cookie.httpOnly).isTrue();
    assertThat(cookie.sameSite)
        .isEqualTo(com.microsoft.playwright.options.SameSiteAttribute.STRICT);
    return cookie.value;
  }

  private static void activate(Page page, TestServer server, String activationCode) {
    page.navigate(server.uri("/activate").toString());
    page.fill("#activation-code", activationCode);
    page.click("#present-passkey");
    page.fill("#access-code", ACCESS_CODE);
    page.fill("#access-code-again", ACCESS_CODE);
    page.click("#activate");
    assertThat(page.locator("#done")).isVisible();
  }

  private static void signIn(Page page, TestServer server, String accessCode) {
    if (!page.url().endsWith("/signin")) {
      page.navigate(server.uri("/signin").toString());
    }
    page.click("#signin-passkey");
    page.fill("#access-code", accessCode);
    Response finished =
        page.waitForResponse(
            r -> r.url().endsWith("/api/v1/unlock/finish"), () -> page.click("#unlock"));
    if (finished.ok()) {
      page.waitForURL(server.uri("/mail").toString());
    }
  }
}
