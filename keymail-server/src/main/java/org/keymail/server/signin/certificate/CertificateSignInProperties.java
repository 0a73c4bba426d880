package org.keymail.server.signin.certificate;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Certificate sign-in under {@code keymail.signin.certificate} ({@code
 * KEYMAIL_SIGNIN_CERTIFICATE_PORT}; {@code keymail server --certificate-port N}).
 *
 * @param port the HTTPS port that asks for a client certificate; absent (the default) leaves
 *     certificate sign-in off and no listener asks any browser for a certificate; 0 picks a free
 *     port at start
 */
@ConfigurationProperties("keymail.signin.certificate")
public record CertificateSignInProperties(Integer port) {

  public CertificateSignInProperties {
    if (port != null && (port < 0 || port > 65535)) {
      throw new IllegalArgumentException(
          "keymail.signin.certificate.port is between 0 and 65535, not " + port);
    }
  }
}
