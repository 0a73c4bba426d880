package org.keymail.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.keymail.server.KeymailServer;
import org.keymail.server.RunningServer;
import org.keymail.server.ServerOptions;
import org.keymail.server.tls.ServerCertificate;

/**
 * A keymail server for one test: a fresh data directory, a random port, a {@link MutableClock}, and
 * the vault on H2 (embedded) or in a fresh schema of the test PostgreSQL server ({@code
 * KEYMAIL_TEST_PG_URL}, default {@code jdbc:postgresql://localhost:5432/keymail}, keymail/keymail).
 * A PostgreSQL server that cannot be reached fails the test with a clear message.
 */
public final class TestServer implements AutoCloseable {

  /**
   * Where each test server's clock starts: the current whole minute. (Not a fixed date: the
   * server's certificate is dated by this clock, and the browser and health check judge it by
   * the real one.)
   */
  private static Instant start() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
  }

  private final RunningServer server;
  private final MutableClock clock;
  private final Path data;
  private final String jdbcUrl;

  private TestServer(RunningServer server, MutableClock clock, Path data, String jdbcUrl) {
    this.server = server;
    this.clock = clock;
    this.data = data;
    this.jdbcUrl = jdbcUrl;
  }

  /** Starts a server whose vault runs on {@code product}: "H2" or "POSTGRESQL". */
  public static TestServer start(String product) {
    try {
      Path data = Files.createTempDirectory("keymail-server-");
      MutableClock clock = new MutableClock(start());
      ServerOptions.Builder options = ServerOptions.builder().dataDirectory(data).port(0).clock(clock);
      String jdbcUrl;
      switch (product) {
        case "H2" -> jdbcUrl = "jdbc:h2:file:" + data.resolve("vault").resolve("vault");
        case "POSTGRESQL" -> {
          jdbcUrl = freshPostgresqlSchema();
          options.vaultDatabase(jdbcUrl, pgUser(), pgPassword());
        }
        default -> throw new IllegalArgumentException(product);
      }
      return new TestServer(KeymailServer.start(options.build()), clock, data, jdbcUrl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public MutableClock clock() {
    return clock;
  }

  public Path dataDirectory() {
    return data;
  }

  public URI uri(String path) {
    return server.baseUri().resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  public int port() {
    return server.port();
  }

  /** The vault database's JDBC URL (for scanning it; the server must be closed for H2). */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** An HTTP client that trusts exactly this server's self-made certificate. */
  public HttpClient httpClient() {
    try (InputStream in = Files.newInputStream(data.resolve("tls/server.p12"))) {
      char[] password = Files.readString(data.resolve("tls/server.p12.password")).strip().toCharArray();
      KeyStore p12 = KeyStore.getInstance("PKCS12");
      p12.load(in, password);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("server", p12.getCertificate(ServerCertificate.ALIAS));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, tmf.getTrustManagers(), null);
      return HttpClient.newBuilder().sslContext(tls).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** GET {@code path} with this server's client. */
  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return httpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }

  static String pgUser() {
    return env("KEYMAIL_TEST_PG_USER", "keymail");
  }

  static String pgPassword() {
    return env("KEYMAIL_TEST_PG_PASSWORD", "keymail");
  }

  private static String freshPostgresqlSchema() {
    String url = env("KEYMAIL_TEST_PG_URL", "jdbc:postgresql://localhost:5432/keymail");
    String schema = "s_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(url, pgUser(), pgPassword());
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL for the tests is not reachable at " + url
              + " (./run-tests starts it; or set KEYMAIL_TEST_PG_URL): " + e.getMessage(),
          e);
    }
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
