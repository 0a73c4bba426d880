package org.keymail.server.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.keymail.server.testing.ApiCalls;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.RawHttps;
import org.keymail.server.testing.TestServer;

/**
 * A bounded random run of malformed requests against every API call and public address, signed in
 * and not: wrong methods, mangled paths, odd media types, broken and hostile JSON, junk multipart,
 * junk credentials. Whatever comes, the answer is never a 5xx, and every error is a problem. The
 * seed is printed; set {@code keymail.fuzz.seed} to replay a run, {@code keymail.fuzz.requests} to
 * run longer.
 */
class MalformedRequestsFuzzTest {

  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
  private static final List<String> MEDIA_TYPES =
      List.of(
          "application/json",
          "application/json; charset=utf-16",
          "multipart/form-data",
          "multipart/form-data; boundary=",
          "multipart/form-data; boundary=x",
          "application/x-www-form-urlencoded",
          "application/ocsp-request",
          "text/plain",
          "application/xml",
          "*/*",
          ";;;",
          "");

  @Test
  void noMalformedRequestGetsA5xx() {
    long seed = Long.getLong("keymail.fuzz.seed", System.nanoTime());
    int requests = Integer.getInteger("keymail.fuzz.requests", 1200);
    System.out.println("MalformedRequestsFuzzTest seed " + seed);
    Random random = new Random(seed);
    try (Organisation organisation = Organisation.start("H2")) {
      TestServer server = organisation.server();
      ApiClient bob = organisation.user("bob@example.org");
      List<String> paths = new ArrayList<>();
      for (String call : ApiCalls.restCalls()) {
        paths.add(call.substring(call.indexOf(' ') + 1));
      }
      for (String page : ApiCalls.pages()) {
        paths.add(page.substring(page.indexOf(' ') + 1));
      }
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        String method = pick(random, METHODS);
        String path = mangle(random, pick(random, paths));
        String type = pick(random, MEDIA_TYPES);
        byte[] body = body(random);
        String token =
            random.nextInt(3) == 0 ? null : random.nextBoolean() ? bob.token() : junkToken(random);
        int status;
        String answer;
        String contentType;
        if (random.nextInt(8) == 0) {
          RawHttps.Answer raw = raw(server, method, path, type, body, token);
          status = raw.status();
          answer = raw.body();
          contentType = raw.header("Content-Type");
        } else {
          HttpResponse<String> response = send(server, method, path, type, body, token);
          if (response == null) {
            continue; // a path the HTTP client itself will not send
          }
          status = response.statusCode();
          answer = response.body();
          contentType = response.headers().firstValue("Content-Type").orElse("");
        }
        String request =
            method
                + " "
                + path
                + " ["
                + type
                + "] "
                + new String(body, 0, Math.min(body.length, 80), StandardCharsets.ISO_8859_1);
        if (status >= 500) {
          failures.add(status + " for " + request + ": " + answer);
        } else if (status >= 400
            && (contentType == null
                || !(contentType.startsWith("application/problem+json")
                    || contentType.startsWith("text/html")))) {
          failures.add(status + " without a problem for " + request + ": " + contentType);
        }
      }
      assertThat(failures).as("seed " + seed).isEmpty();
    }
  }

  private static HttpResponse<String> send(
      TestServer server, String method, String path, String type, byte[] body, String token) {
    URI uri;
    try {
      uri = server.uri(path);
    } catch (IllegalArgumentException notAUri) {
      return null;
    }
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri);
      if (!type.isEmpty()) {
        request.header("Content-Type", type);
      }
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
      return server.send(request.build());
    } catch (IllegalArgumentException notSendable) {
      return null; // a header the HTTP client itself will not send
    }
  }

  private static RawHttps.Answer raw(
      TestServer server, String method, String path, String type, byte[] body, String token) {
    StringBuilder head =
        new StringBuilder(method + " " + path.replace(" ", "%20") + " HTTP/1.1\r\n");
    if (!type.isEmpty()) {
      head.append("Content-Type: ").append(type).append("\r\n");
    }
    if (token != null) {
      head.append("Authorization: Bearer ").append(token).append("\r\n");
    }
    head.append("Content-Length: ").append(body.length).append("\r\n");
    return RawHttps.send(server, head.toString(), body);
  }

  private static String mangle(Random random, String path) {
    String concrete =
        path.replace(
                "{userId}",
                pick(
                    random,
                    List.of(
                        "00000000-0000-0000-0000-000000000001", "x", "bob@example.org", "%2e%2e")))
            .replace(
                "{keyId}",
                pick(random, List.of("00000000-0000-0000-0000-000000000002", "not-a-uuid", "")))
            .replace(
                "{id}", pick(random, List.of("00000000-0000-0000-0000-000000000003", "-1", "%00")))
            .replace("{serial}", pick(random, List.of("0badc0ffee", "zz", "0".repeat(300))))
            .replace(
                "{name}",
                pick(random, List.of("secure-email", "session.idle-minutes", "..", "%ff")))
            .replace("{request}", pick(random, List.of("MAA=", "%%%", "A".repeat(500))));
    return switch (random.nextInt(6)) {
      case 0 -> concrete + "/" + random.nextInt(1000);
      case 1 -> concrete + "?" + "x".repeat(random.nextInt(50)) + "=%zz";
      case 2 -> concrete.toUpperCase();
      case 3 -> concrete + "%20";
      default -> concrete;
    };
  }

  private static byte[] body(Random random) {
    String text =
        switch (random.nextInt(12)) {
          case 0 -> "";
          case 1 -> "{";
          case 2 -> "[]";
          case 3 -> "null";
          case 4 -> "{\"email\": " + random.nextLong() + ", \"accessCode\": [1,2,3]}";
          case 5 ->
              "{\"requestId\":\""
                  + random.nextInt()
                  + "\",\"assertion\":\"x\",\"accessCode\":\"c\"}";
          case 6 -> "[".repeat(2000) + "]".repeat(2000);
          case 7 -> "{\"algorithm\":\"sha256-rsa\",\"data\":\"%%%\"}";
          case 8 -> "{\"template\":\"" + "\u0000\u202E".repeat(50) + "\",\"csr\":\"-----BEGIN\"}";
          case 9 -> "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc";
          case 10 -> "{\"value\": 1e99999, \"name\": \"\\ud800\"}";
          default -> {
            byte[] bytes = new byte[random.nextInt(2000)];
            random.nextBytes(bytes);
            yield new String(bytes, StandardCharsets.ISO_8859_1);
          }
        };
    return text.getBytes(
        StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)
            ? StandardCharsets.ISO_8859_1
            : StandardCharsets.UTF_8);
  }

  private static String junkToken(Random random) {
    return pick(random, List.of("", "x", "A".repeat(43), "A".repeat(5000), "..", "\u00ff"));
  }

  private static <T> T pick(Random random, List<T> from) {
    return from.get(random.nextInt(from.size()));
  }
}
