package org.keymail.server.signin.certificate;

import java.util.Map;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.keymail.server.ListenAddress;
import org.keymail.server.tls.TlsSetup;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.SslConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Adds the certificate sign-in listener: a third Tomcat connector, HTTPS on the {@link
 * CertificatePort} with the server's own certificate (the SSL bundle {@code keymail-server},
 * renewed with it), bound to the same {@link ListenAddress}, that asks the browser for a client
 * certificate ("want", so a browser without one still gets a page saying so). The main HTTPS
 * listener never asks. Being a connector of the same Tomcat and web application, it shares the
 * servlet session store: the session cookie set here signs the browser in on the main listener too
 * (cookies do not tell ports apart). {@link CertificateListenerServesOnlySignIn} keeps the rest of
 * keymail off it.
 */
final class CertificateListener
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  private final CertificatePort port;
  private final ListenAddress address;
  private final SslBundles bundles;

  CertificateListener(CertificatePort port, ListenAddress address, SslBundles bundles) {
    this.port = port;
    this.address = address;
    this.bundles = bundles;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
    connector.setScheme("https");
    connector.setSecure(true);
    connector.setPort(port.number());
    if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
      protocol.setAddress(address.address());
    }
    // The bundle is read when the connector starts, after ServerTls has put the CA-issued
    // certificate into it (the web server factory's customizers run in no promised order).
    connector.addLifecycleListener(
        event -> {
          if (Lifecycle.BEFORE_INIT_EVENT.equals(event.getType())) {
            useServerCertificate(connector);
          }
        });
    factory.addAdditionalConnectors(connector);
  }

  private void useServerCertificate(Connector connector) {
    SslConnectorCustomizer ssl =
        new SslConnectorCustomizer(
            LogFactory.getLog(CertificateListener.class), connector, Ssl.ClientAuth.WANT);
    ssl.customize(bundles.getBundle(TlsSetup.BUNDLE), Map.of());
    for (SSLHostConfig host : connector.findSslHostConfigs()) {
      host.setTrustManagerClassName(AnyClientCertificate.class.getName());
      String name = host.getHostName();
      bundles.addBundleUpdateHandler(TlsSetup.BUNDLE, renewed -> ssl.update(name, renewed));
    }
  }
}
