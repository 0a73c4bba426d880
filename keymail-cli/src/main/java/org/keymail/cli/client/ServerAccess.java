package org.keymail.cli.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.keymail.cli.CliFailure;
import org.keymail.cli.Terminal;
import picocli.CommandLine.Option;

/**
 * The options that say which keymail server to talk to and how to trust it, shared by every command
 * that calls the server: {@code --server URL}, else {@value #SERVER_VARIABLE}, else the last server
 * that answered a command (kept in the CLI's home, {@link KeymailHome#lastServer()}), else {@value
 * #DEFAULT_SERVER}; and {@code --trust-server-cert FILE} (else trust on first use, pinned in {@code
 * known-servers} in the CLI's home). When no server was named, the command says once, on standard
 * error, which one it uses: a newcomer then sees where the command went.
 */
public final class ServerAccess {

  /** The environment variable naming the server when {@code --server} is not given. */
  public static final String SERVER_VARIABLE = "KEYMAIL_SERVER";

  /** The server of {@code keymail server} run on this computer with its defaults. */
  public static final String DEFAULT_SERVER = "https://localhost:8443";

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "The keymail server (default: $KEYMAIL_SERVER, else the last server that answered, kept in "
              + KeymailHome.SHOWN
              + ", else "
              + DEFAULT_SERVER
              + ").")
  private String server;

  @Option(
      names = "--trust-server-cert",
      paramLabel = "FILE",
      description =
          "Trust the server only with this certificate (PEM). Without it, the certificate seen first"
              + " is remembered in known-servers in "
              + KeymailHome.SHOWN
              + " and must not change.")
  private Path trustedCertificate;

  /** Whether this command said already which server it uses. */
  private boolean told;

  /**
   * Whether the user works with a server they chose: one named ({@code --server}, {@value
   * #SERVER_VARIABLE}) or remembered as the last that answered.
   */
  public boolean isKnown(Terminal terminal) {
    return named(terminal).isPresent() || lastServer(KeymailHome.of(terminal)).isPresent();
  }

  /** The server the user named: {@code --server}, else {@value #SERVER_VARIABLE}. */
  private Optional<String> named(Terminal terminal) {
    return server != null
        ? Optional.of(server)
        : Optional.ofNullable(terminal.environment().get(SERVER_VARIABLE))
            .filter(s -> !s.isBlank());
  }

  /** The server's base address, ending in {@code /}. */
  public URI serverUri(Terminal terminal) throws CliFailure {
    Optional<String> named = named(terminal);
    if (named.isPresent()) {
      return parse(named.get());
    }
    Optional<URI> last = lastServer(KeymailHome.of(terminal));
    URI uri = last.orElseGet(() -> URI.create(DEFAULT_SERVER + "/"));
    if (!told) {
      told = true;
      terminal
          .err()
          .println(
              "keymail: using "
                  + shown(uri)
                  + (last.isPresent() ? ", the last server that answered" : "")
                  + " (no --server or "
                  + SERVER_VARIABLE
                  + " given)");
    }
    return uri;
  }

  private static URI parse(String named) throws CliFailure {
    try {
      URI uri = new URI(named.strip());
      if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
        throw new CliFailure(
            "the server address must be https://HOST[:PORT], not "
                + named
                + " (keymail speaks HTTPS only)");
      }
      return new URI("https", null, uri.getHost(), uri.getPort(), "/", null, null);
    } catch (URISyntaxException e) {
      throw new CliFailure("'" + named + "' is not a server address like " + DEFAULT_SERVER, e);
    }
  }

  /** The server saved in {@code home}, when there is one that reads as a server address. */
  private static Optional<URI> lastServer(KeymailHome home) {
    Path file = home.lastServer();
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException | CliFailure unreadable) {
      // Only a convenience: a damaged file means the default, and the next answer rewrites it.
      return Optional.empty();
    }
  }

  /**
   * Saves {@code uri} in {@code home} as the last server that answered, when it is not already
   * (also for {@code keymail demo}, whose server may listen on another port at each start).
   */
  public static void remember(KeymailHome home, URI uri) {
    Path file = home.lastServer();
    String line = shown(uri) + "\n";
    try {
      if (Files.isRegularFile(file)
          && Files.readString(file, StandardCharsets.UTF_8).equals(line)) {
        return;
      }
      home.ensure();
      PrivateFiles.write(file, line);
    } catch (IOException | CliFailure e) {
      // Remembering is a convenience; the command itself worked and must not fail for it.
    }
  }

  /** {@code https://host:port}, as people type it. */
  private static String shown(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /**
   * A client of the server, trusting it as these options say: through the keymail agent when one
   * runs for this home, else directly.
   */
  public KeymailApi connect(Terminal terminal, KeymailHome home) throws CliFailure {
    URI uri = serverUri(terminal);
    String name = uri.getHost() + ":" + (uri.getPort() == -1 ? 443 : uri.getPort());
    Optional<PinningTrustManager> pinning = Optional.empty();
    TrustManager[] trust;
    AgentProtocol.Trust agentTrust;
    if (trustedCertificate != null) {
      byte[] certificates = read(trustedCertificate);
      trust = trustOnly(certificates, trustedCertificate.toString());
      agentTrust = new AgentProtocol.Trust(name, certificates);
    } else {
      home.ensure();
      PinningTrustManager pins =
          new PinningTrustManager(name, new KnownServers(home.knownServers()), terminal.err());
      pinning = Optional.of(pins);
      trust = new TrustManager[] {pins};
      agentTrust = AgentProtocol.Trust.pinned(name);
    }
    Transport transport =
        AgentTransport.orDirect(home, agentTrust, new DirectTransport(() -> trust));
    return new KeymailApi(transport, uri, pinning, Optional.empty(), () -> remember(home, uri));
  }

  private static byte[] read(Path file) throws CliFailure {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliFailure("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Trust in the certificates (PEM) of {@code file}, named {@code source} in errors. */
  static TrustManager[] trustOnly(byte[] file, String source) throws CliFailure {
    Collection<? extends Certificate> certificates;
    try {
      certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(file));
    } catch (GeneralSecurityException | RuntimeException e) {
      // The JDK's parser reports some malformed input (bad base64, bad DER) unchecked.
      throw new CliFailure("cannot read " + source + ": not a PEM certificate", e);
    }
    if (certificates.isEmpty()) {
      throw new CliFailure("cannot read " + source + ": not a PEM certificate");
    }
    try {
      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        anchors.setCertificateEntry("trusted-" + i++, certificate);
      }
      // The JDK's PKIX trust manager also checks the host name against the certificate.
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(anchors);
      return factory.getTrustManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a trust store: " + e.getMessage(), e);
    }
  }
}
