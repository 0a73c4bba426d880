package org.keymail.cli.client;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Requests over the JDK's HTTP client, on a TLS connection this process makes. The client, and with
 * it the JDK's TLS, is made at the first request: a command whose requests all go through the
 * keymail agent never loads either.
 */
final class DirectTransport implements Transport {

  /** How long a request may wait for its answer. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Supplier<TrustManager[]> trust;
  private HttpClient http;

  DirectTransport(Supplier<TrustManager[]> trust) {
    this.trust = trust;
  }

  @Override
  public Answer exchange(Request request) throws IOException, InterruptedException {
    HttpRequest.BodyPublisher body =
        request.body().isEmpty()
            ? HttpRequest.BodyPublishers.noBody()
            : counted(request.body().get(), request.sent());
    HttpResponse<byte[]> answer =
        client().send(build(request, body), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(answer.statusCode(), answer.body());
  }

  /** {@code request} as the JDK's HTTP client sends it, with {@code body}. */
  static HttpRequest build(Request request, HttpRequest.BodyPublisher body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(TIMEOUT);
    request.headers().forEach(builder::header);
    return builder.method(request.method(), body).build();
  }

  private synchronized HttpClient client() {
    if (http == null) {
      http = client(trust.get());
    }
    return http;
  }

  /** An HTTP client trusting servers as {@code trust} says, following no redirect. */
  static HttpClient client(TrustManager[] trust) {
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust, null);
      return HttpClient.newBuilder()
          .sslContext(tls)
          .connectTimeout(Duration.ofSeconds(15))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java has no TLS: " + e.getMessage(), e);
    }
  }

  private static HttpRequest.BodyPublisher counted(byte[] body, LongConsumer sent) {
    return HttpRequest.BodyPublishers.fromPublisher(
        HttpRequest.BodyPublishers.ofInputStream(
            () -> new CountingStream(new ByteArrayInputStream(body), sent)),
        body.length);
  }

  /** A stream that tells how many bytes were read from it, as they are read. */
  static final class CountingStream extends FilterInputStream {
    private final LongConsumer read;

    CountingStream(InputStream in, LongConsumer read) {
      super(in);
      this.read = read;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        read.accept(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        read.accept(n);
      }
      return n;
    }
  }
}
