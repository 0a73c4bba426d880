package org.keymail.server.signin.certificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Optional;

/**
 * The port of the certificate sign-in listener, fixed at start ("0" resolved to one free port), so
 * the sign-in page can link to it before Tomcat binds it.
 *
 * @param number the port
 */
public record CertificatePort(int number) {

  /** The configured port, a free one for 0, or empty when certificate sign-in is off. */
  static Optional<CertificatePort> of(CertificateSignInProperties properties) {
    if (properties.port() == null) {
      return Optional.empty();
    }
    if (properties.port() != 0) {
      return Optional.of(new CertificatePort(properties.port()));
    }
    try (ServerSocket probe = new ServerSocket(0)) {
      return Optional.of(new CertificatePort(probe.getLocalPort()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port for certificate sign-in", e);
    }
  }
}
