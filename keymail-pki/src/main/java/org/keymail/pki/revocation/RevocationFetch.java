package org.keymail.pki.revocation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Fetches revocation information over HTTP with a short timeout and a size cap, so a slow or
 * hostile responder delays a verdict by at most the timeout and cannot fill the memory. No
 * redirects: RFC 5280 and RFC 6960 URLs name the server to ask.
 *
 * <p>The HTTP client is made on the first fetch: most certificates are answered without one (the
 * organisation's own, or none names a responder), and making it (the JDK's default TLS context, its
 * trust store, a selector thread) cost a command line verification about a tenth of its time.
 */
final class RevocationFetch {

  private final Duration timeout;
  private final int maxBytes;
  private HttpClient client;

  RevocationFetch(Duration timeout, int maxBytes) {
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .connectTimeout(timeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    }
    return client;
  }

  Duration timeout() {
    return timeout;
  }

  /** POSTs {@code body} and returns the answer's body. */
  byte[] post(URI url, String contentType, byte[] body) throws FetchFailedException {
    return send(
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  /** GETs {@code url} and returns the answer's body. */
  byte[] get(URI url) throws FetchFailedException {
    return send(HttpRequest.newBuilder(url).timeout(timeout).GET().build());
  }

  private byte[] send(HttpRequest request) throws FetchFailedException {
    try {
      HttpResponse<InputStream> response =
          client().send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new FetchFailedException("answered HTTP " + response.statusCode());
        }
        byte[] bytes = body.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
          throw new FetchFailedException("sent more than " + maxBytes + " bytes");
        }
        return bytes;
      }
    } catch (HttpTimeoutException slow) {
      throw new FetchFailedException("did not answer within " + timeout.toMillis() + " ms");
    } catch (IOException unreachable) {
      throw new FetchFailedException(
          "cannot be reached ("
              + unreachable.getClass().getSimpleName()
              + (unreachable.getMessage() == null ? "" : ": " + unreachable.getMessage())
              + ")");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new FetchFailedException("was not asked: the check was interrupted");
    }
  }

  /** The http and https URLs among {@code uris}; others (ldap, file) are not fetched. */
  static List<URI> httpUrls(List<String> uris) {
    return uris.stream()
        .map(RevocationFetch::toUri)
        .filter(
            u ->
                u != null
                    && ("http".equalsIgnoreCase(u.getScheme())
                        || "https".equalsIgnoreCase(u.getScheme())))
        .toList();
  }

  private static URI toUri(String text) {
    try {
      return URI.create(text);
    } catch (IllegalArgumentException notAUrl) {
      return null;
    }
  }

  /**
   * The server could not be asked or gave no usable answer; the message completes "the server ...".
   */
  static final class FetchFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    FetchFailedException(String message) {
      super(message);
    }
  }
}
