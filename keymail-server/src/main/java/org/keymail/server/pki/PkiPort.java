package org.keymail.server.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The port the plain-HTTP PKI listener binds, fixed before anything uses it: the CA writes it into
 * the CRL and OCSP addresses of every certificate, so "0" is resolved to one free port once, at
 * start, rather than left to Tomcat.
 *
 * @param number the port
 */
public record PkiPort(int number) {

  /** The configured port, or a free one when it is 0. */
  static PkiPort of(PkiListenerProperties properties) {
    if (properties.port() != 0) {
      return new PkiPort(properties.port());
    }
    try (ServerSocket probe = new ServerSocket(0)) {
      return new PkiPort(probe.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port for the PKI listener", e);
    }
  }
}
