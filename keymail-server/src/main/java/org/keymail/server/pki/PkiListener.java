package org.keymail.server.pki;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.keymail.server.ListenAddress;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Adds the second, plain-HTTP Tomcat connector on the {@link PkiPort}, bound to the same {@link
 * ListenAddress} as the HTTPS connector (a server kept to this computer keeps both listeners here).
 * Relying parties fetch CRLs and OCSP answers over plain HTTP (RFC 5280 §4.2.1.13, RFC 6960
 * Appendix A): an https:// URL would need revocation checking to check revocation. {@link
 * PlainHttpServesOnlyPki} keeps everything but {@code /pki/**} off this connector.
 */
final class PkiListener implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  private static final String PASS_THROUGH = "passthrough";

  private final PkiPort port;
  private final ListenAddress address;

  PkiListener(PkiPort port, ListenAddress address) {
    this.port = port;
    this.address = address;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    Connector plain = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
    plain.setScheme("http");
    plain.setSecure(false);
    plain.setPort(port.number());
    if (plain.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
      protocol.setAddress(address.address());
    }
    // OCSP GET requests carry base64, whose slashes arrive as %2F (OcspGetFilter reads them).
    plain.setEncodedSolidusHandling(PASS_THROUGH);
    factory.addAdditionalConnectors(plain);
    factory.addConnectorCustomizers(https -> https.setEncodedSolidusHandling(PASS_THROUGH));
  }
}
