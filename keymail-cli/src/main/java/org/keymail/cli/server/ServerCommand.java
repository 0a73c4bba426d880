package org.keymail.cli.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.Fingerprint;
import org.keymail.server.KeymailServer;
import org.keymail.server.ListenAddress;
import org.keymail.server.RunningServer;
import org.keymail.server.ServerOptions;
import org.keymail.server.tls.ServerCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keymail server}: runs the keymail server in this process until Ctrl-C. On its first start
 * the server prints the first administrator's one-time activation code on standard output; this
 * command adds where it listens and the SHA-256 fingerprint of its certificate, which clients
 * compare the first time they connect.
 */
@Command(
    name = "server",
    description = {
      "Run the keymail server (HTTPS) until Ctrl-C. The first start prints the first"
          + " administrator's one-time activation code.",
      "Example: keymail server --data /var/lib/keymail --address 0.0.0.0 --bootstrap-admin"
          + " alice@example.org"
    })
public final class ServerCommand implements Callable<Integer> {

  /** The environment variable naming the address when {@code --address} is not given. */
  static final String ADDRESS_VARIABLE = "KEYMAIL_ADDRESS";

  private final Terminal terminal;

  @Option(names = "--data", paramLabel = "DIR", description = "The data directory (default: ./data).")
  private Path data;

  @Option(names = "--port", paramLabel = "N", description = "The HTTPS port (default: 8443; 0 picks a free one).")
  private Integer port;

  @Option(
      names = "--address",
      paramLabel = "ADDR",
      description =
          "The address to listen on, for HTTPS and the PKI port (default: $KEYMAIL_ADDRESS, else "
              + ListenAddress.DEFAULT
              + ": this computer only; 0.0.0.0 for every address).")
  private String address;

  @Option(
      names = "--pki-port",
      paramLabel = "N",
      description =
          "The plain-HTTP port that serves only /pki/ (CRL, OCSP, CA certificates; default: 8080;"
              + " 0 picks a free one).")
  private Integer pkiPort;

  @Option(
      names = "--bootstrap-admin",
      paramLabel = "EMAIL",
      description = "Create this first administrator (only while keymail has none).")
  private String bootstrapAdmin;

  ServerCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    ServerOptions.Builder options = ServerOptions.builder();
    if (data != null) {
      options.dataDirectory(data);
    }
    if (port != null) {
      options.port(port);
    }
    listenAddress(options);
    if (bootstrapAdmin != null) {
      options.bootstrapAdmin(bootstrapAdmin);
    }
    if (pkiPort != null) {
      options.setting("keymail.pki.port", Integer.toString(pkiPort));
    }
    RunningServer server;
    try {
      server = KeymailServer.start(options.build());
    } catch (RuntimeException e) {
      // Spring reports a busy port or a bad setting as unchecked exceptions: one line, not a trace.
      throw new CliFailure("the server did not start: " + rootMessage(e), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "keymail-server-stop"));
    terminal.out().println(
        "keymail server listening on "
            + server.baseUri()
            + " (address "
            + server.address()
            + "; data in "
            + server.dataDirectory()
            + ")");
    terminal.out().println(
        "certificate authority (plain HTTP, for relying parties): http://localhost:"
            + server.pkiPort()
            + "/pki/root.pem, /pki/crl, /pki/ocsp");
    terminal.out().println(
        "server certificate authority SHA-256: " + fingerprint(server.dataDirectory()));
    terminal.out().println("Ctrl-C stops it.");
    terminal.out().flush();
    server.awaitShutdown();
    return ExitCodes.OK;
  }

  /** {@code --address}, else {@value #ADDRESS_VARIABLE}; checked before anything starts. */
  private void listenAddress(ServerOptions.Builder options) throws CliFailure {
    String named = address != null ? address : terminal.environment().get(ADDRESS_VARIABLE);
    if (named == null || (address == null && named.isBlank())) {
      return;
    }
    try {
      options.address(named);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(e.getMessage(), e);
    }
  }

  private static String fingerprint(Path dataDirectory) throws CliFailure {
    // The server made its certificate already; this only finds its files.
    ServerCertificate tls = ServerCertificate.ensure(dataDirectory, Clock.systemUTC(), new SecureRandom());
    Path keyStore = tls.keyStore();
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, tls.password().toCharArray());
      // The top of the chain the server shows: what the CLI pins (see PinningTrustManager).
      java.security.cert.Certificate[] chain = store.getCertificateChain(ServerCertificate.ALIAS);
      return Fingerprint.readable(Fingerprint.of((X509Certificate) chain[chain.length - 1]));
    } catch (IOException | GeneralSecurityException e) {
      throw new CliFailure("cannot read the server's certificate in " + keyStore + ": " + e.getMessage(), e);
    }
  }

  /**
   * The distinct messages of {@code t}'s cause chain, outermost first, joined by ": " (e.g. "could
   * not open the vault database: connection refused"). A message that merely repeats its cause's
   * (as JDBC and pool wrappers often do) is left out, and so are Spring's bean-creation wrappers.
   */
  static String rootMessage(Throwable t) {
    List<String> messages = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable cause = t; cause != null && seen.add(cause); cause = cause.getCause()) {
      String message = cause.getMessage();
      // Spring's wrappers name beans and factory methods, which tell an operator nothing.
      if (message == null || message.isBlank() || cause.getClass().getName().startsWith("org.springframework.")) {
        continue;
      }
      String stripped = message.strip();
      if (!messages.isEmpty()) {
        String last = messages.get(messages.size() - 1);
        if (last.contains(stripped)) {
          continue; // the wrapper said it already
        }
        if (stripped.contains(last)) {
          messages.set(messages.size() - 1, stripped);
          continue;
        }
      }
      messages.add(stripped);
    }
    if (messages.isEmpty()) {
      Throwable root = t;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return root.getClass().getSimpleName();
    }
    return String.join(": ", messages);
  }
}
