package org.keymail.server;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keymail.server.signin.FirstAdministrator;
import org.keymail.server.tls.TlsPolicy;
import org.keymail.server.tls.TlsSetup;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The keymail server application. The CLI's {@code keymail server [--data DIR] [--port N]
 * [--address ADDR] [--bootstrap-admin EMAIL]} calls {@link #start(ServerOptions)}, which prints a
 * short report of the start on the console (the first administrator's activation code last); the
 * returned {@link RunningServer} is closed on shutdown (or the JVM's shutdown hook closes it).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KeymailServer {

  /** Bean name of the server's {@link Clock}. */
  static final String CLOCK_BEAN = "keymailClock";

  /** Bean name of the server's one {@link SecureRandom}. */
  static final String RANDOM_BEAN = "keymailRandom";

  /**
   * Starts a server, prints its {@link StartReport} on the options' console, and returns once it
   * listens on HTTPS.
   *
   * @throws StartRefusedException when this start asked for what cannot be done (the server is
   *     stopped again; the message says why)
   * @throws org.springframework.boot.web.server.PortInUseException and other start-up failures as
   *     unchecked exceptions with a readable message
   */
  public static RunningServer start(ServerOptions options) {
    TlsPolicy.refuseClientRenegotiation();
    SpringApplication application = new SpringApplication(KeymailServer.class);
    application.setMainApplicationClass(KeymailServer.class);
    // The data folder is checked first: the TLS key is written into it next.
    application.addListeners(
        new DataFolder(),
        new ListenAddressCheck(),
        new FreePortForZero(),
        new TlsSetup(options.clock(), options.random()));
    application.addInitializers(
        context -> {
          context.getBeanFactory().registerSingleton(CLOCK_BEAN, options.clock());
          context.getBeanFactory().registerSingleton(RANDOM_BEAN, options.random());
        });
    ConfigurableApplicationContext context = application.run(arguments(options));
    RunningServer server = new RunningServer(context);
    Optional<String> refused = context.getBean(FirstAdministrator.class).refusal();
    if (refused.isPresent()) {
      server.close();
      throw new StartRefusedException(refused.get());
    }
    // Looked up now, not when the options were built: tests swap System.out around the start.
    StartReport.of(server, context).print(options.console().orElse(System.out));
    return server;
  }

  /** The options as command-line properties, which take precedence over yml and environment. */
  private static String[] arguments(ServerOptions options) {
    List<String> arguments = new ArrayList<>();
    options
        .dataDirectory()
        .map(Path::toAbsolutePath)
        .ifPresent(d -> arguments.add("--keymail.data=" + d));
    options.port().ifPresent(p -> arguments.add("--server.port=" + p));
    options
        .address()
        .ifPresent(
            a -> {
              // Both names: server.address is what Tomcat binds, and SERVER_ADDRESS must not win.
              arguments.add("--keymail.address=" + a);
              arguments.add("--" + ListenAddress.PROPERTY + "=" + a);
            });
    options.bootstrapAdmin().ifPresent(e -> arguments.add("--keymail.bootstrap-admin=" + e));
    options
        .vaultDatabase()
        .ifPresent(
            db -> {
              arguments.add("--keymail.vault.jdbc-url=" + db.jdbcUrl());
              arguments.add("--keymail.vault.user=" + db.user());
              arguments.add("--keymail.vault.password=" + db.password());
            });
    options.settings().forEach((name, value) -> arguments.add("--" + name + "=" + value));
    return arguments.toArray(String[]::new);
  }
}
