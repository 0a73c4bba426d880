package org.keymail.cli.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keymail.server.KeymailServer;
import org.keymail.server.RunningServer;
import org.keymail.server.ServerOptions;
import org.keymail.testing.FreePorts;
import org.keymail.testing.FreshSchema;

/**
 * A real keymail server in the test's JVM for the CLI to talk to: a fresh data directory, a free
 * port, HTTPS with the certificate it makes itself, the vault on H2 or in a {@link FreshSchema} of
 * the test PostgreSQL server, cheap Argon2id. Keeps the first administrator's activation code it
 * printed on start.
 */
final class CliTestServer implements AutoCloseable {

  private static final Pattern CODE = Pattern.compile("one-time activation code: ([0-9A-Z-]{24})");

  private final RunningServer server;
  private final Path data;
  private final String adminCode;

  private CliTestServer(RunningServer server, Path data, String adminCode) {
    this.server = server;
    this.data = data;
    this.adminCode = adminCode;
  }

  static CliTestServer start(String product, String bootstrapAdmin) throws IOException {
    return start(product, bootstrapAdmin, Map.of());
  }

  /** As {@link #start(String, String)}, with more server {@code settings}. */
  static CliTestServer start(String product, String bootstrapAdmin, Map<String, String> settings)
      throws IOException {
    Path data = Files.createTempDirectory("keymail-cli-server-");
    ServerOptions.Builder options =
        ServerOptions.builder()
            .dataDirectory(data)
            // Fixed before start: the WebAuthn origin is https://localhost:PORT.
            .port(FreePorts.pick())
            .bootstrapAdmin(bootstrapAdmin)
            // The CA's plain-HTTP listener on a free port: 8080 may be taken by another server.
            .setting("keymail.pki.port", "0")
            .setting("keymail.vault.argon2id.memory-kib", "1024")
            .setting("keymail.vault.argon2id.iterations", "1")
            .setting("logging.file.name", data.resolve("keymail.log").toString());
    settings.forEach(options::setting);
    if ("POSTGRESQL".equals(product)) {
      options.vaultDatabase(
          FreshSchema.create().jdbcUrl(), FreshSchema.user(), FreshSchema.password());
    } else if (!"H2".equals(product)) {
      throw new IllegalArgumentException(product);
    }
    // The server prints the first administrator's code on the console, as for a person.
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RunningServer server;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      server = KeymailServer.start(options.build());
    } finally {
      System.setOut(console);
    }
    Matcher code = CODE.matcher(printed.toString(StandardCharsets.UTF_8));
    if (!code.find()) {
      server.close();
      throw new IllegalStateException(
          "the server printed no activation code for its first administrator");
    }
    return new CliTestServer(server, data, code.group(1));
  }

  String url() {
    return "https://localhost:" + server.port();
  }

  /** One of the running server's parts, to look behind what the CLI shows. */
  <T> T bean(Class<T> type) {
    return server.bean(type);
  }

  String adminCode() {
    return adminCode;
  }

  Path dataDirectory() {
    return data;
  }

  /** The server's certificate, as a PEM file for {@code --trust-server-cert}. */
  Path certificatePem(Path file) {
    try (InputStream in = Files.newInputStream(data.resolve("tls/server.p12"))) {
      KeyStore p12 = KeyStore.getInstance("PKCS12");
      p12.load(in, Files.readString(data.resolve("tls/server.p12.password")).strip().toCharArray());
      X509Certificate certificate = (X509Certificate) p12.getCertificate("keymail-server");
      Files.writeString(
          file,
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(certificate.getEncoded())
              + "\n-----END CERTIFICATE-----\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
