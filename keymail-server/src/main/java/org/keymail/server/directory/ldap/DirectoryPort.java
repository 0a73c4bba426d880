package org.keymail.server.directory.ldap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The port of the directory's LDAPS listener, fixed at start ("0" resolved to one free port), so
 * the start report, the Dashboard and the System page can name it.
 *
 * @param number the port
 */
public record DirectoryPort(int number) {

  /** The configured port, or a free one for 0. */
  static DirectoryPort of(int configured) {
    if (configured != 0) {
      return new DirectoryPort(configured);
    }
    try (ServerSocket probe = new ServerSocket(0)) {
      return new DirectoryPort(probe.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port for the directory over LDAP", e);
    }
  }
}
