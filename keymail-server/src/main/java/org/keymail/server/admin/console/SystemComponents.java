package org.keymail.server.admin.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.keymail.mail.MailServers.Endpoint;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.revoke.Crl;
import org.keymail.pki.revoke.Crls;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.server.KeymailServer;
import org.keymail.server.ServerSettings;
import org.keymail.server.directory.ldap.DirectoryListener;
import org.keymail.server.mail.MailWiring.MailBackend;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.KeyUseException;
import org.keymail.vault.store.VaultDatabase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The state of each part keymail runs on, each in a sentence, for the console's system page: the
 * certificate authority, the database, the mail server, the HSM, the directory over LDAP and
 * keymail itself. Whatever asks another server runs in its own virtual thread and counts as not
 * answering after {@link #PATIENCE}, so that a page about a broken server still shows at once.
 */
@Component
class SystemComponents {

  /** How long one component may take to answer before the page says it did not. */
  static final Duration PATIENCE = Duration.ofMillis(1500);

  /** How long a mail server may take to accept a connection: less than the page's patience. */
  private static final Duration CONNECT = Duration.ofSeconds(1);

  private static final UtcTime TIME = new UtcTime();

  private final CertificateAuthority authority;
  private final Crls crls;
  private final VaultDatabase database;
  private final MailBackend mail;
  private final ServerSettings settings;
  private final ObjectProvider<DirectoryListener> directory;
  private final Clock clock;

  SystemComponents(
      CertificateAuthority authority,
      Crls crls,
      VaultDatabase database,
      MailBackend mail,
      ServerSettings settings,
      ObjectProvider<DirectoryListener> directory,
      @Qualifier("keymailClock") Clock clock) {
    this.authority = authority;
    this.crls = crls;
    this.database = database;
    this.mail = mail;
    this.settings = settings;
    this.directory = directory;
    this.clock = clock;
  }

  /** Every component's state now; takes at most about {@link #PATIENCE}. */
  List<ComponentState> now() {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<CompletableFuture<ComponentState>> asked =
          List.of(
              ask(threads, "Certificate authority", this::authority),
              ask(threads, "Database", this::database),
              ask(threads, "Mail server", this::mail),
              ask(threads, "HSM", this::hsm),
              ask(threads, "Directory over LDAP", this::directoryOverLdap),
              ask(threads, "keymail", SystemComponents::keymail));
      List<ComponentState> states = asked.stream().map(CompletableFuture::join).toList();
      threads.shutdownNow(); // a probe that did not answer is not waited for
      return states;
    }
  }

  private static CompletableFuture<ComponentState> ask(
      ExecutorService threads, String name, Supplier<ComponentState> probe) {
    return CompletableFuture.supplyAsync(probe, threads)
        .completeOnTimeout(
            ComponentState.problem(name, "Did not answer within " + PATIENCE.toMillis() + " ms."),
            PATIENCE.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  private ComponentState authority() {
    String name = "Certificate authority";
    X509Certificate issuing = authority.issuing();
    Instant now = clock.instant();
    boolean valid =
        !now.isBefore(issuing.getNotBefore().toInstant())
            && now.isBefore(issuing.getNotAfter().toInstant());
    String key =
        settings.vault().kek().kind() == ServerSettings.KekKind.PKCS11
            ? "in software, in the vault, wrapped by the key-encryption key in the HSM"
            : "in software, in the vault, wrapped by the key-encryption key in the master key file";
    String sentence =
        "Issuing CA "
            + CertificateNames.subject(issuing)
            + " under the root "
            + CertificateNames.subject(authority.root())
            + "; its key is "
            + key
            + ". "
            + (valid ? "Valid" : "Not valid now: valid")
            + " from "
            + TIME.minutes(issuing.getNotBefore().toInstant())
            + " until "
            + TIME.minutes(issuing.getNotAfter().toInstant())
            + ". ";
    try {
      Crl crl = crls.current();
      sentence +=
          "CRL number "
              + crl.number()
              + " was issued at "
              + TIME.minutes(crl.thisUpdate())
              + "; the next is due by "
              + TIME.minutes(crl.nextUpdate())
              + ".";
    } catch (KeyUseException refused) {
      return ComponentState.problem(
          name, sentence + "The CRL could not be signed: " + refused.getMessage() + ".");
    }
    return valid ? ComponentState.working(name, sentence) : ComponentState.problem(name, sentence);
  }

  private ComponentState database() {
    String name = "Database";
    String where =
        settings
            .vault()
            .externalDatabase()
            .map(url -> "at " + withoutParameters(url))
            .orElse("embedded in the data folder");
    try (Connection c = database.dataSource().getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      String product = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
      if (!c.isValid((int) PATIENCE.toSeconds() + 1)) {
        return ComponentState.problem(name, product + ", " + where + ", does not answer.");
      }
      String schema =
          database
              .schemaVersion()
              .map(v -> "schema version " + v + " (Flyway)")
              .orElse("no schema version: Flyway has not migrated it");
      return ComponentState.working(
          name, product + ", " + where + ", answers now; " + schema + ".");
    } catch (SQLException | StorageUnavailableException unreachable) {
      return ComponentState.problem(
          name, "The database " + where + " cannot be reached: " + unreachable.getMessage() + ".");
    }
  }

  /** A JDBC URL without its parameters, which may hold a password. */
  static String withoutParameters(String url) {
    int cut = url.length();
    for (char separator : new char[] {'?', ';'}) {
      int at = url.indexOf(separator);
      if (at >= 0) {
        cut = Math.min(cut, at);
      }
    }
    return url.substring(0, cut);
  }

  private ComponentState mail() {
    String name = "Mail server";
    Endpoint imap = mail.servers().imap();
    Endpoint smtp = mail.servers().smtp();
    boolean imapAnswers = answers(imap);
    boolean smtpAnswers = answers(smtp);
    String kind =
        mail.embedded().isPresent()
            ? "Embedded (mail kept in memory until the server stops): "
            : "The organisation's: ";
    String sentence =
        kind
            + "IMAP "
            + imap.host()
            + ":"
            + imap.port()
            + (imapAnswers ? " answers" : " does not answer")
            + ", SMTP "
            + smtp.host()
            + ":"
            + smtp.port()
            + (smtpAnswers ? " answers" : " does not answer")
            + " now.";
    return imapAnswers && smtpAnswers
        ? ComponentState.working(name, sentence)
        : ComponentState.problem(name, sentence);
  }

  private static boolean answers(Endpoint endpoint) {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(endpoint.host(), endpoint.port()), (int) CONNECT.toMillis());
      return true;
    } catch (IOException silent) {
      return false;
    }
  }

  private ComponentState hsm() {
    String name = "HSM";
    ServerSettings.Kek kek = settings.vault().kek();
    if (kek.kind() != ServerSettings.KekKind.PKCS11) {
      return ComponentState.notUsed(
          name,
          "Not used: the key-encryption key is the master key file "
              + settings.dataDirectory().resolve("master.key")
              + ".");
    }
    Path config = kek.pkcs11ConfigFile().orElseThrow();
    Properties pkcs11 = new Properties();
    try (InputStream in = Files.newInputStream(config)) {
      pkcs11.load(in);
    } catch (IOException unreadable) {
      return ComponentState.problem(
          name, "The PKCS#11 configuration " + config + " cannot be read: " + unreadable + ".");
    }
    String slot =
        pkcs11.getProperty("slot") != null
            ? "slot " + pkcs11.getProperty("slot")
            : "slot list index " + pkcs11.getProperty("slotListIndex", "0");
    return ComponentState.working(
        name,
        "PKCS#11 library "
            + pkcs11.getProperty("library", "(none named)")
            + ", "
            + slot
            + " (configuration "
            + config
            + "); the key-encryption key is the one labelled "
            + kek.label()
            + ".");
  }

  private ComponentState directoryOverLdap() {
    String name = "Directory over LDAP";
    DirectoryListener listener = directory.getIfAvailable();
    if (listener == null) {
      return ComponentState.notUsed(
          name, "Off: address books cannot search the directory (keymail.directory.ldap.port).");
    }
    return listener.isRunning()
        ? ComponentState.working(name, listener.describe())
        : ComponentState.problem(name, listener.describe());
  }

  private static ComponentState keymail() {
    String version = KeymailServer.class.getPackage().getImplementationVersion();
    return ComponentState.working(
        "keymail",
        "keymail "
            + (version == null ? "(development build)" : version)
            + " on Java "
            + Runtime.version()
            + " ("
            + System.getProperty("java.vendor")
            + "), "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " ("
            + System.getProperty("os.arch")
            + ").");
  }
}
