package org.keymail.cli.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.server.KeymailServer;
import org.keymail.server.ListenAddress;
import org.keymail.server.RunningServer;
import org.keymail.server.ServerOptions;
import org.keymail.server.StartRefusedException;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.address.InvalidEmailAddressException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keymail server}: runs the keymail server in this process until Ctrl-C. The server prints
 * its own start report on standard output (where it listens, the CA's fingerprint, and last the
 * first administrator's one-time activation code while none has activated); this command checks
 * what it was given first, so a mistyped address is one line rather than a failed start, and turns
 * a start that fails into one line on standard error.
 */
@Command(
    name = "server",
    description = {
      "Run the keymail server (HTTPS) until Ctrl-C. Until the first administrator has activated,"
          + " every start prints a new one-time activation code for them, last."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail server",
      "  keymail server --data /var/lib/keymail --address 0.0.0.0 \\",
      "      --bootstrap-admin alice@example.org",
      "",
      "Environment: KEYMAIL_DATA, KEYMAIL_PORT, KEYMAIL_ADDRESS, KEYMAIL_PKI_PORT (as the options),"
          + " KEYMAIL_RP_ID (the server's host name for PassKeys), KEYMAIL_VAULT_JDBC_URL and more:"
          + " docs/admin-guide.md.",
      "The log is DATA/keymail.log (LOGGING_FILE_NAME names another); the console shows warnings"
          + " and errors only."
    })
public final class ServerCommand implements Callable<Integer> {

  /** The environment variable naming the address when {@code --address} is not given. */
  static final String ADDRESS_VARIABLE = "KEYMAIL_ADDRESS";

  private final Terminal terminal;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "The data directory (default: ./data).")
  private Path data;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "The HTTPS port (default: 8443; 0 picks a free one).")
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
      names = "--certificate-port",
      paramLabel = "N",
      description =
          "An HTTPS port for certificate (smart card) sign-in, the only one that asks browsers for"
              + " a client certificate (default: none, certificate sign-in off; 0 picks a free one).")
  private Integer certificatePort;

  @Option(
      names = "--directory-port",
      paramLabel = "N",
      description =
          "An LDAPS port serving the directory read-only to address books (Thunderbird, Outlook);"
              + " people bind with the credential their Dashboard shows (default: none, off; 0"
              + " picks a free one).")
  private Integer directoryPort;

  @Option(
      names = "--bootstrap-admin",
      paramLabel = "EMAIL",
      description =
          "The first administrator's address (default: admin@keymail.localhost); only for a server"
              + " whose administrator has not activated yet.")
  private String bootstrapAdmin;

  ServerCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    ServerOptions.Builder options = ServerOptions.builder().console(terminal.out());
    if (data != null) {
      options.dataDirectory(data);
    }
    if (port != null) {
      options.port(port);
    }
    listenAddress(options);
    if (bootstrapAdmin != null) {
      options.bootstrapAdmin(checked(bootstrapAdmin));
    }
    if (pkiPort != null) {
      options.setting("keymail.pki.port", Integer.toString(pkiPort));
    }
    if (certificatePort != null) {
      options.setting("keymail.signin.certificate.port", Integer.toString(certificatePort));
    }
    if (directoryPort != null) {
      options.setting("keymail.directory.ldap.port", Integer.toString(directoryPort));
    }
    ServerOptions built = options.build();
    // Starting takes seconds (longer on the first start, which makes the CA): say so at once.
    terminal.out().println("starting keymail server (Ctrl-C stops it)...");
    terminal.out().flush();
    RunningServer server;
    try {
      server = KeymailServer.start(built);
    } catch (StartRefusedException refused) {
      throw new CliFailure(refused.getMessage(), refused);
    } catch (RuntimeException e) {
      // Spring reports a busy port or a bad setting as unchecked exceptions: one line, not a trace.
      throw new CliFailure("the server did not start: " + rootMessage(e), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "keymail-server-stop"));
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

  /** The address, when keymail's address type takes it (the server would refuse it later). */
  private static String checked(String email) throws CliFailure {
    try {
      EmailAddress.parse(email.strip());
      return email.strip();
    } catch (InvalidEmailAddressException e) {
      throw new CliFailure("--bootstrap-admin: " + e.getMessage(), e);
    }
  }

  /**
   * The distinct messages of {@code t}'s cause chain, outermost first, joined by ": " (e.g. "could
   * not open the vault database: connection refused"). A message that merely repeats its cause's
   * (as JDBC and pool wrappers often do) is left out, and so are Spring's bean-creation wrappers.
   * Also for {@code keymail demo}, which starts the server too.
   */
  public static String rootMessage(Throwable t) {
    List<String> messages = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable cause = t; cause != null && seen.add(cause); cause = cause.getCause()) {
      String message = cause.getMessage();
      // Spring's wrappers name beans and factory methods, which tell an operator nothing.
      if (message == null
          || message.isBlank()
          || cause.getClass().getName().startsWith("org.springframework.")) {
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
