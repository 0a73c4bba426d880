package org.keymail.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.keymail.server.KeymailServer;
import org.keymail.server.RunningServer;
import org.keymail.server.ServerOptions;
import org.keymail.server.tls.ServerCertificate;
import org.keymail.testing.FreePorts;
import org.keymail.testing.FreshSchema;
import org.keymail.testing.MovableClock;
import org.keymail.testing.TrustExactly;
import org.keymail.vault.VaultException;
import org.keymail.vault.accesscode.AccessCodeHasher;
import org.keymail.vault.accesscode.AccessCodePolicy;
import org.keymail.vault.accesscode.Argon2idParameters;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.passkey.PassKeyRegistration;
import org.keymail.vault.passkey.RelyingPartyConfig;
import org.keymail.vault.store.VaultDatabase;
import org.keymail.vault.user.Role;
import org.keymail.vault.user.Users;

/**
 * A keymail server for one test: a fresh data directory, a random port, a {@link MovableClock}, and
 * the vault on H2 (embedded) or in a {@link FreshSchema} of the test PostgreSQL server.
 */
public final class TestServer implements AutoCloseable {

  /**
   * Where each test server's clock starts: the current whole minute. (Not a fixed date: the
   * server's certificate is dated by this clock, and the browser and health check judge it by the
   * real one.)
   */
  private static Instant start() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
  }

  private final RunningServer server;
  private final int pkiPort;
  private final MovableClock clock;
  private final Path data;
  private final String jdbcUrl;
  private final String product;

  private TestServer(
      RunningServer server,
      int pkiPort,
      MovableClock clock,
      Path data,
      String jdbcUrl,
      String product) {
    this.product = product;
    this.pkiPort = pkiPort;
    this.server = server;
    this.clock = clock;
    this.data = data;
    this.jdbcUrl = jdbcUrl;
  }

  /** Starts a server whose vault runs on {@code product}: "H2" or "POSTGRESQL". */
  public static TestServer start(String product) {
    return start(product, java.util.Map.of());
  }

  /** As {@link #start(String)}, with more {@code settings} (e.g. lower limits). */
  public static TestServer start(String product, java.util.Map<String, String> settings) {
    try {
      return start(product, settings, FreePorts.pick(), null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Another node of this server's organisation, set up as docs/admin-guide.md tells an
   * administrator: a data folder of its own holding a copy of this node's master key, the same
   * PostgreSQL database, its own HTTPS {@code port}, PKI port and clock.
   */
  public TestServer anotherNode(int port, java.util.Map<String, String> settings) {
    if (!"POSTGRESQL".equals(product)) {
      throw new IllegalStateException("nodes share a PostgreSQL database, not " + product);
    }
    try {
      return start(product, settings, port, jdbcUrl, data.resolve("master.key"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TestServer start(
      String product,
      java.util.Map<String, String> settings,
      int port,
      String sharedJdbcUrl,
      Path sharedMasterKey)
      throws IOException {
    Path data = Files.createTempDirectory("keymail-server-");
    if (sharedMasterKey != null) {
      Files.copy(sharedMasterKey, data.resolve("master.key"));
    }
    MovableClock clock = new MovableClock(start());
    int pkiPort = FreePorts.pick();
    ServerOptions.Builder options =
        ServerOptions.builder()
            .dataDirectory(data)
            // A known port: the WebAuthn origin (https://localhost:PORT) must be fixed at start.
            .port(port)
            .clock(clock)
            // Cheap access-code hashes keep the suite fast; production keeps 64 MiB, 3 passes.
            .setting("keymail.vault.argon2id.memory-kib", "1024")
            .setting("keymail.vault.argon2id.iterations", "1")
            // The plain-HTTP PKI listener; its port goes into every certificate's CRL and OCSP
            // addresses, so it is fixed before the start, like the HTTPS port.
            .setting("keymail.pki.port", Integer.toString(pkiPort))
            // Everything the server logs, kept for the tests that scan it for secrets.
            .setting("logging.file.name", data.resolve("keymail.log").toString())
            // Tests sign in far more often than people; LimitsTest checks the real limits.
            .setting("keymail.limits.sign-in-per-minute", "100000")
            .setting("keymail.limits.sign-in-per-account-per-minute", "100000");
    settings.forEach(options::setting);
    String jdbcUrl;
    switch (product) {
      case "H2" ->
          jdbcUrl =
              "jdbc:h2:file:" + data.resolve("vault").resolve("vault") + ";DB_CLOSE_ON_EXIT=FALSE";
      case "POSTGRESQL" -> {
        jdbcUrl = sharedJdbcUrl != null ? sharedJdbcUrl : FreshSchema.create().jdbcUrl();
        options.vaultDatabase(jdbcUrl, FreshSchema.user(), FreshSchema.password());
      }
      default -> throw new IllegalArgumentException(product);
    }
    return new TestServer(
        KeymailServer.start(options.build()), pkiPort, clock, data, jdbcUrl, product);
  }

  /** The running server's one component of {@code type}. */
  public <T> T bean(Class<T> type) {
    return server.bean(type);
  }

  public MovableClock clock() {
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

  /** The plain-HTTP PKI listener's port. */
  public int pkiPort() {
    return pkiPort;
  }

  /** {@code http://localhost:PKIPORT/path} on the plain-HTTP PKI listener. */
  public URI pkiUri(String path) {
    return URI.create("http://localhost:" + pkiPort + (path.startsWith("/") ? path : "/" + path));
  }

  /** The vault database's JDBC URL (for scanning it; the server must be closed for H2). */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /**
   * Invites a user as an administrator would, through the vault on the server's own database, and
   * returns the activation code to type.
   */
  public String invite(String email) {
    try (VaultDatabase db = openVault()) {
      Users users =
          new Users(db, registration(db), new AuditLog(db, clock), clock, new SecureRandom());
      return users.invite(email, null, Role.USER).code().reveal();
    } catch (VaultException e) {
      throw new IllegalStateException("could not invite " + email + ": " + e.getMessage(), e);
    }
  }

  /** A second connection pool on the server's vault database, for setting up and scanning. */
  public VaultDatabase openVault() {
    return "H2".equals(product)
        ? VaultDatabase.embedded(data.resolve("vault"))
        : VaultDatabase.open(jdbcUrl, FreshSchema.user(), FreshSchema.password());
  }

  private PassKeyRegistration registration(VaultDatabase db) {
    return new PassKeyRegistration(
        db,
        new RelyingPartyConfig("localhost", "keymail", Set.of("https://localhost:" + port())),
        new AccessCodeHasher(new Argon2idParameters(1024, 1, 1), new SecureRandom()),
        AccessCodePolicy.DEFAULT,
        new AuditLog(db, clock),
        clock);
  }

  /** An HTTP client that trusts exactly this server's self-made certificate. */
  public HttpClient httpClient() {
    return HttpClient.newBuilder().sslContext(sslContext()).build();
  }

  /** A TLS context that trusts exactly this server's certificate (for raw requests). */
  public SSLContext sslContext() {
    return TrustExactly.certificateOf(
        data.resolve("tls/server.p12"),
        data.resolve("tls/server.p12.password"),
        ServerCertificate.ALIAS);
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
}
