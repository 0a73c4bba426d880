package org.keymail.server.webmail.compose;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keymail.server.testing.TestServer;

/**
 * A browser's signed-in session at the webmail's forms, without a browser: the session cookie, the
 * CSRF cookie and token the pages hand out, and multipart posts as a form sends them.
 */
public final class WebmailForms {

  private static final Pattern CSRF =
      Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"|name=\"_csrf\" content=\"([^\"]+)\"");

  /** A file field's upload. */
  public record Upload(String field, String name, String contentType, byte[] content) {}

  private final TestServer server;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private String csrf;

  public WebmailForms(TestServer server, String sessionCookie) {
    this.server = server;
    cookie(sessionCookie);
  }

  /** Takes the new session cookie after an unlock changed the session id. */
  public void cookie(String cookie) {
    String[] pair = cookie.split("=", 2);
    cookies.put(pair[0], pair[1]);
  }

  public String sessionCookie() {
    return "KEYMAIL_SESSION=" + cookies.get("KEYMAIL_SESSION");
  }

  public HttpResponse<String> get(String path) {
    HttpResponse<String> answer =
        server.send(
            HttpRequest.newBuilder(server.uri(path))
                .header("Cookie", cookieHeader())
                .GET()
                .build());
    remember(answer);
    return answer;
  }

  /** Posts {@code fields} (repeated names allowed) and {@code uploads} as multipart/form-data. */
  public HttpResponse<String> post(
      String path, List<Map.Entry<String, String>> fields, Upload... uploads) {
    if (csrf == null) {
      get(path.split("\\?", 2)[0]);
    }
    String boundary = "keymail-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    List<Map.Entry<String, String>> all = new ArrayList<>(fields);
    all.add(Map.entry("_csrf", csrf));
    for (Map.Entry<String, String> field : all) {
      write(
          body,
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\""
              + field.getKey()
              + "\"\r\n\r\n"
              + field.getValue()
              + "\r\n");
    }
    for (Upload upload : uploads) {
      write(
          body,
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\""
              + upload.field()
              + "\"; filename=\""
              + upload.name()
              + "\"\r\nContent-Type: "
              + upload.contentType()
              + "\r\n\r\n");
      body.writeBytes(upload.content());
      write(body, "\r\n");
    }
    write(body, "--" + boundary + "--\r\n");
    HttpResponse<String> answer =
        server.send(
            HttpRequest.newBuilder(server.uri(path))
                .header("Cookie", cookieHeader())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    remember(answer);
    return answer;
  }

  /** Posts {@code fields} as an ordinary form (application/x-www-form-urlencoded). */
  public HttpResponse<String> postForm(String path, List<Map.Entry<String, String>> fields) {
    if (csrf == null) {
      get(path);
    }
    List<Map.Entry<String, String>> all = new ArrayList<>(fields);
    all.add(Map.entry("_csrf", csrf));
    StringBuilder form = new StringBuilder();
    for (Map.Entry<String, String> field : all) {
      if (!form.isEmpty()) {
        form.append('&');
      }
      form.append(java.net.URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(java.net.URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
    }
    HttpResponse<String> answer =
        server.send(
            HttpRequest.newBuilder(server.uri(path))
                .header("Cookie", cookieHeader())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build());
    remember(answer);
    return answer;
  }

  private void remember(HttpResponse<String> answer) {
    for (String set : answer.headers().allValues("Set-Cookie")) {
      cookie(set.split(";", 2)[0]);
    }
    Matcher token = CSRF.matcher(answer.body());
    if (token.find()) {
      csrf = token.group(1) != null ? token.group(1) : token.group(2);
    }
  }

  private String cookieHeader() {
    StringBuilder header = new StringBuilder();
    cookies.forEach(
        (name, value) -> {
          if (!header.isEmpty()) {
            header.append("; ");
          }
          header.append(name).append('=').append(value);
        });
    return header.toString();
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
