package org.keymail.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocket;

/**
 * Requests written byte by byte over TLS, for what an HTTP client library will not send: a {@code
 * %00} in the path, oversized headers, bodies without a length, malformed multipart. Sends {@code
 * Connection: close} semantics: reads the answer until the server closes.
 */
public final class RawHttps {

  /** What the server answered. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private RawHttps() {}

  /**
   * Sends {@code head} (request line and header fields, CRLF-ended, no empty line) and {@code
   * body}.
   */
  public static Answer send(TestServer server, String head, byte[] body) {
    try (SSLSocket socket =
        (SSLSocket)
            server.sslContext().getSocketFactory().createSocket("localhost", server.port())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (head + "Host: localhost:" + server.port() + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      try {
        out.write(body);
        out.flush();
      } catch (IOException closedEarly) {
        // The server may answer and close before it has read the whole body (413).
      }
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try {
      in.transferTo(all);
    } catch (IOException reset) {
      // a reset after the answer: keep what arrived
    }
    byte[] bytes = all.toByteArray();
    int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
    if (end < 0) {
      throw new IOException("no HTTP answer: " + new String(bytes, StandardCharsets.ISO_8859_1));
    }
    String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.merge(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip(),
          (a, b) -> a + ", " + b);
    }
    byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] unchunk(byte[] chunked) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
    int at = 0;
    while (at < chunked.length) {
      int lineEnd = indexOf(chunked, crlf, at);
      if (lineEnd < 0) {
        break;
      }
      String size =
          new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].strip();
      int n = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
      if (n == 0) {
        break;
      }
      body.write(chunked, lineEnd + 2, Math.min(n, chunked.length - lineEnd - 2));
      at = lineEnd + 2 + n + 2;
    }
    return body.toByteArray();
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
