package org.keymail.server;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keymail.pki.authority.CaSettings;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.server.directory.ldap.DirectoryPort;
import org.keymail.server.directory.ldap.DirectoryTree;
import org.keymail.server.mail.MailWiring;
import org.keymail.server.signin.FirstAdministrator;
import org.keymail.server.signin.certificate.CertificatePort;
import org.keymail.server.tls.ServerCertificate;
import org.keymail.server.tls.TlsSetup;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.smime.CertificateNames;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a started server tells the person who started it, on the console: where it listens, where
 * relying parties find the CA, the fingerprints people compare (the root's, and the HTTPS chain's
 * top), where its data and log are, and, last so that it cannot scroll away, the first
 * administrator's activation code and where to use it. Framework logging goes to the log file (and
 * only warnings to the console), so these lines are the whole of a normal start.
 *
 * @param lines the lines, in order
 */
record StartReport(List<String> lines) {

  /** What the CLI connects to when no server is named: a server on this computer's defaults. */
  private static final String CLI_DEFAULT_SERVER = "https://localhost:8443";

  private static final DateTimeFormatter UNTIL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  StartReport {
    lines = List.copyOf(lines);
  }

  /** The report of the server running in {@code context}. */
  static StartReport of(RunningServer server, ConfigurableApplicationContext context) {
    ServerSettings settings = context.getBean(ServerSettings.class);
    ListenAddress address = server.address();
    String host = settings.webauthn().rpId();
    List<String> lines = new ArrayList<>();
    lines.add(
        "keymail server listening on "
            + URI.create("https://" + host + ":" + server.port() + "/")
            + " ("
            + describe(address)
            + ")");
    URI pki = context.getBean(CaSettings.class).publicBaseUrl();
    lines.add(
        "certificate authority for relying parties (plain HTTP): "
            + pki
            + "/pki/root.pem, /pki/crl, /pki/root.crl, /pki/ocsp"
            // A public base URL of a load balancer names another port than the one served here.
            + (pki.getPort() == server.pkiPort()
                ? ""
                : " (served here on port " + server.pkiPort() + ")"));
    X509Certificate root = context.getBean(CertificateAuthority.class).root();
    lines.add(
        "root CA "
            + CertificateNames.subject(root)
            + ", SHA-256 "
            + CertificateFingerprint.readable(root)
            + " (the one 'keymail ca root' shows: people compare the two)");
    httpsIssuer(context)
        .ifPresent(
            issuer ->
                lines.add(
                    "HTTPS certificate from "
                        + CertificateNames.subject(issuer)
                        + ", SHA-256 "
                        + CertificateFingerprint.readable(issuer)
                        + " (the one the CLI shows at its first connection)"));
    context
        .getBeanProvider(CertificatePort.class)
        .ifAvailable(
            port ->
                lines.add(
                    "certificate sign-in (asks browsers for a client certificate): https://"
                        + host
                        + ":"
                        + port.number()
                        + "/signin/certificate"));
    context
        .getBeanProvider(DirectoryPort.class)
        .ifAvailable(
            port ->
                lines.add(
                    "directory for address books (LDAPS, read-only): ldaps://"
                        + host
                        + ":"
                        + port.number()
                        + "/, base DN "
                        + context.getBean(DirectoryTree.class)));
    lines.add("mail: " + context.getBean(MailWiring.MailBackend.class).describe());
    lines.add("data in " + server.dataDirectory() + ", " + logFile(context));
    if (!address.address().isLoopbackAddress() && "localhost".equals(host)) {
      // The PassKey origin is localhost: a browser on another computer cannot sign in.
      lines.add(
          "note: PassKeys work only at https://localhost; for other computers set KEYMAIL_RP_ID"
              + " to the server's name (docs/admin-guide.md)");
    }
    context
        .getBean(FirstAdministrator.class)
        .code()
        .ifPresent(code -> firstAdministrator(code, settings, lines));
    return new StartReport(lines);
  }

  /** Prints the lines on {@code console}. */
  void print(PrintStream console) {
    lines.forEach(console::println);
    console.flush();
  }

  private static void firstAdministrator(
      FirstAdministrator.WaitingCode waiting, ServerSettings settings, List<String> lines) {
    String origin = settings.webauthn().origins().getFirst();
    String code = waiting.code().reveal();
    lines.add("");
    lines.add(
        "first administrator: "
            + waiting.email()
            + ", not activated yet (until then, each start replaces the code)");
    lines.add(
        "one-time activation code: "
            + code
            + " (valid until "
            + UNTIL.format(waiting.expiresAt())
            + ")");
    lines.add("activate in a browser with a security key: " + origin + "/activate");
    lines.add(
        "or with a software PassKey: keymail passkey activate --code "
            + code
            + (origin.equals(CLI_DEFAULT_SERVER) ? "" : " --server " + origin));
  }

  private static String describe(ListenAddress address) {
    if (address.everyAddress()) {
      return "address " + address + ": every address of this computer";
    }
    return "address " + address;
  }

  private static String logFile(ConfigurableApplicationContext context) {
    String file = context.getEnvironment().getProperty("logging.file.name");
    if (file == null || file.isBlank()) {
      return "no log file (logging.file.name)";
    }
    return "log in " + Path.of(file).toAbsolutePath().normalize();
  }

  /**
   * The top certificate of the chain the server shows over HTTPS: what the CLI pins on first
   * contact, so people can compare it with what the CLI shows them then.
   */
  private static Optional<X509Certificate> httpsIssuer(ConfigurableApplicationContext context) {
    try {
      KeyStore store =
          context.getBean(SslBundles.class).getBundle(TlsSetup.BUNDLE).getStores().getKeyStore();
      Certificate[] chain = store.getCertificateChain(ServerCertificate.ALIAS);
      if (chain == null
          || chain.length == 0
          || !(chain[chain.length - 1] instanceof X509Certificate top)) {
        return Optional.empty();
      }
      return Optional.of(top);
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }
}
