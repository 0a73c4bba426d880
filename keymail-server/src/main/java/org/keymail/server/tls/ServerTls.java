package org.keymail.server.tls;

import java.security.KeyStore;
import java.util.Optional;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.smime.KeyUseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Puts the CA-issued certificate into the SSL bundle {@code keymail-server} before the web server
 * is built: Spring Boot creates the web server in the context's refresh, after this customizer (a
 * bean that depends on the certificate authority) has run, and Tomcat reads the bundle only then.
 * So the first client already sees the CA-issued certificate. While the server runs, a daily check
 * renews it when it nears its end; Spring Boot then reloads Tomcat's TLS configuration from the
 * updated bundle without a restart.
 */
public final class ServerTls implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

  private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

  private final CaIssuedServerCertificate certificate;
  private final SslBundleRegistry bundles;
  private final ServerCertificate files;

  public ServerTls(
      CaIssuedServerCertificate certificate, SslBundleRegistry bundles, ServerCertificate files) {
    this.certificate = certificate;
    this.bundles = bundles;
    this.files = files;
  }

  @Override
  public void customize(ConfigurableWebServerFactory factory) {
    renew();
  }

  /** Renews the certificate when it is due, and hands the new one to the web server. */
  @Scheduled(initialDelayString = "PT24H", fixedDelayString = "PT24H")
  public void renew() {
    Optional<KeyStore> renewed;
    try {
      renewed = certificate.renewIfDue();
    } catch (KeyUseException e) {
      throw new IllegalStateException(
          "the issuing CA could not sign the server's HTTPS certificate: " + e.getMessage(), e);
    } catch (StorageUnavailableException e) {
      throw new IllegalStateException(
          "the server's new HTTPS certificate could not be recorded with the CA: " + e.getMessage(),
          e);
    }
    renewed.ifPresent(
        store -> {
          bundles.updateBundle(TlsSetup.BUNDLE, bundle(store));
          LOG.info("the server's HTTPS certificate is now issued by the organisation's CA");
        });
  }

  private SslBundle bundle(KeyStore store) {
    String password = files.password();
    return SslBundle.of(
        SslStoreBundle.of(store, password, null),
        SslBundleKey.of(password, ServerCertificate.ALIAS),
        TlsPolicy.options());
  }
}
