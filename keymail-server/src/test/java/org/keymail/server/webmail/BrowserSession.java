package org.keymail.server.webmail;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keymail.server.testing.TestServer;

/**
 * A browser's view of the webmail over real HTTPS: its session cookie, and the CSRF cookie and form
 * token a page gave, sent back with each form.
 */
public final class BrowserSession {

  private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final TestServer server;
  private final String session;
  private String csrfCookie = "";
  private String formToken = "";

  public BrowserSession(TestServer server, String sessionCookie) {
    this.server = server;
    this.session = sessionCookie;
  }

  public HttpResponse<String> get(String path) {
    HttpResponse<String> page =
        server.send(
            HttpRequest.newBuilder(server.uri(path)).header("Cookie", cookies()).GET().build());
    remember(page);
    return page;
  }

  public HttpResponse<byte[]> download(String path) {
    try {
      return server
          .httpClient()
          .send(
              HttpRequest.newBuilder(server.uri(path)).header("Cookie", cookies()).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Posts a form of the page last fetched (its CSRF token included). */
  public HttpResponse<String> post(String path) {
    return server.send(
        HttpRequest.newBuilder(server.uri(path))
            .header("Cookie", cookies())
            .header("Origin", server.uri("/").toString().replaceAll("/$", ""))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "_csrf=" + URLEncoder.encode(formToken, StandardCharsets.UTF_8)))
            .build());
  }

  private String cookies() {
    return csrfCookie.isEmpty() ? session : session + "; " + csrfCookie;
  }

  private void remember(HttpResponse<String> page) {
    page.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("__Host-KEYMAIL_CSRF="))
        .map(c -> c.split(";", 2)[0])
        .findFirst()
        .ifPresent(c -> csrfCookie = c);
    Matcher token = FORM_TOKEN.matcher(page.body());
    if (token.find()) {
      formToken = token.group(1);
    }
  }
}
