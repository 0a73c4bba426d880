package org.keymail.server.pki;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The plain-HTTP listener that serves only {@code /pki/**} (CRL, OCSP, CA certificates), under
 * {@code keymail.pki} ({@code KEYMAIL_PKI_PORT}; {@code keymail server --pki-port N}).
 *
 * @param port the port (default 8080; 0 picks a free one at start)
 */
@ConfigurationProperties("keymail.pki")
public record PkiListenerProperties(Integer port) {

  public PkiListenerProperties {
    port = port == null ? 8080 : port;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("keymail.pki.port is between 0 and 65535, not " + port);
    }
  }
}
