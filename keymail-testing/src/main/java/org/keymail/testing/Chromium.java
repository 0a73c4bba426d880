package org.keymail.testing;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ClientCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's Chromium driven by Playwright, with a virtual FIDO2 security key (CTAP2 over USB,
 * resident keys, user verification) as the user's PassKey. Never downloads a browser: the failsafe
 * configuration sets {@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}. Browser tests get one per test
 * class from {@link ChromiumExtension}; it is closed with the class.
 */
public final class Chromium implements AutoCloseable {

  private static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

  private final Playwright playwright;
  private final Browser browser;

  private Chromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Launches Chromium headless with keymail's options; fails if Debian's Chromium is missing. */
  public static Chromium launch() {
    if (!Files.isExecutable(EXECUTABLE)) {
      throw new IllegalStateException(
          "the browser tests need Debian's Chromium at "
              + EXECUTABLE
              + " (apt-get install -y chromium)");
    }
    Playwright playwright = Playwright.create();
    Browser browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run")));
    return new Chromium(playwright, browser);
  }

  /** A fresh browser profile that accepts the server's self-made certificate. */
  public BrowserContext newContext() {
    return newContext("UTC");
  }

  /** A fresh browser context whose clock shows the time zone {@code timezoneId}. */
  public BrowserContext newContext(String timezoneId) {
    BrowserContext context =
        browser.newContext(
            new Browser.NewContextOptions()
                .setIgnoreHTTPSErrors(true)
                .setTimezoneId(timezoneId)
                .setLocale("en-GB"));
    // Everything here answers in well under a second; a hang should fail fast.
    context.setDefaultTimeout(10_000);
    return context;
  }

  /**
   * A fresh browser profile holding {@code certificates}, as a smart card or the operating system's
   * store would: Chromium presents the one whose origin a server asks from.
   */
  public BrowserContext newContext(List<ClientCertificate> certificates) {
    BrowserContext context =
        browser.newContext(
            new Browser.NewContextOptions()
                .setIgnoreHTTPSErrors(true)
                .setTimezoneId("UTC")
                .setLocale("en-GB")
                .setClientCertificates(certificates));
    context.setDefaultTimeout(10_000);
    return context;
  }

  /** Plugs a virtual security key into {@code page}'s browser; returns its authenticator id. */
  public static String plugInSecurityKey(CDPSession cdp) {
    cdp.send("WebAuthn.enable");
    JsonObject options = new JsonObject();
    options.addProperty("protocol", "ctap2");
    options.addProperty("ctap2Version", "ctap2_1");
    options.addProperty("transport", "usb");
    options.addProperty("hasResidentKey", true);
    options.addProperty("hasUserVerification", true);
    options.addProperty("isUserVerified", true);
    JsonObject arguments = new JsonObject();
    arguments.add("options", options);
    return cdp.send("WebAuthn.addVirtualAuthenticator", arguments)
        .get("authenticatorId")
        .getAsString();
  }

  /** Unplugs the virtual security key: the PassKey is missing. */
  public static void unplug(CDPSession cdp, String authenticatorId) {
    JsonObject arguments = new JsonObject();
    arguments.addProperty("authenticatorId", authenticatorId);
    cdp.send("WebAuthn.removeVirtualAuthenticator", arguments);
  }

  /** The DevTools session of {@code page}, through which a security key is plugged in. */
  public static CDPSession devTools(BrowserContext context, Page page) {
    return context.newCDPSession(page);
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
