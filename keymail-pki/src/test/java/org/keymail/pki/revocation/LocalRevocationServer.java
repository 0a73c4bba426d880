package org.keymail.pki.revocation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A tiny HTTP server on the loopback interface playing an OCSP responder and a CRL server: {@code
 * /ocsp} answers with a function of the request body, {@code /crl} serves fixed bytes, {@code
 * /slow} answers nothing until the server is closed, {@code /broken} answers HTTP 500.
 */
final class LocalRevocationServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile UnaryOperator<byte[]> ocsp = request -> new byte[0];
  private volatile byte[] crl = new byte[0];
  private final AtomicInteger crlDownloads = new AtomicInteger();

  LocalRevocationServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext(
        "/ocsp", exchange -> reply(exchange, ocsp.apply(exchange.getRequestBody().readAllBytes())));
    server.createContext(
        "/crl",
        exchange -> {
          crlDownloads.incrementAndGet();
          reply(exchange, crl);
        });
    server.createContext(
        "/slow",
        exchange -> {
          try {
            closing.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    server.createContext(
        "/broken",
        exchange -> {
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void answerOcsp(UnaryOperator<byte[]> responder) {
    this.ocsp = responder;
  }

  /** How many times {@code /crl} was asked for. */
  int crlDownloads() {
    return crlDownloads.get();
  }

  void serveCrl(byte[] der) {
    this.crl = der.clone();
  }

  private static void reply(HttpExchange exchange, byte[] body) throws IOException {
    exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
