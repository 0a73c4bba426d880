package org.keymail.server.tls;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs before the web server is built: makes sure the server's TLS certificate exists in the data
 * directory named by the configuration, and points Spring Boot's SSL bundle {@code keymail-server}
 * at it. The server has no plain-HTTP connector at all.
 */
public final class TlsSetup implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  /** Name of the SSL bundle the web server uses. */
  public static final String BUNDLE = "keymail-server";

  private final SecureRandom random;
  private final Clock clock;

  public TlsSetup(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    ConfigurableEnvironment environment = event.getEnvironment();
    Path data =
        Path.of(environment.getProperty("keymail.data", "data")).toAbsolutePath().normalize();
    ServerCertificate certificate = ServerCertificate.ensure(data, clock, random);
    String prefix = "spring.ssl.bundle.jks." + BUNDLE + ".";
    // Added last: a deployment may still name its own bundle in server.ssl.bundle.
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                "keymail-tls",
                Map.of(
                    prefix + "keystore.location", certificate.keyStore().toUri().toString(),
                    prefix + "keystore.type", "PKCS12",
                    prefix + "keystore.password", certificate.password(),
                    prefix + "key.alias", ServerCertificate.ALIAS,
                    prefix + "key.password", certificate.password(),
                    prefix + "options.ciphers", String.join(",", TlsPolicy.CIPHERS),
                    prefix + "options.enabled-protocols", String.join(",", TlsPolicy.PROTOCOLS))));
  }
}
