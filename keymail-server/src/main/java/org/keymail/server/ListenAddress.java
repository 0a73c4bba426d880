package org.keymail.server;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Objects;
import org.springframework.core.env.Environment;

/**
 * The local address both of the server's listeners bind, HTTPS and the plain-HTTP PKI listener:
 * Spring's {@code server.address}, which {@code keymail.address} sets ({@code KEYMAIL_ADDRESS},
 * {@code keymail server --address}). {@value #DEFAULT} unless configured, so that a server started
 * to try keymail out is not reachable from the network; a wildcard address ({@code 0.0.0.0}, {@code
 * ::}) serves every address of the computer.
 *
 * @param address the address; a wildcard one for every address
 */
public record ListenAddress(InetAddress address) {

  /** The property Tomcat's HTTPS connector binds to; the PKI listener follows it. */
  static final String PROPERTY = "server.address";

  /** Where the server listens when nothing is configured: this computer only. */
  public static final String DEFAULT = "127.0.0.1";

  public ListenAddress {
    Objects.requireNonNull(address, "address");
  }

  /**
   * The address {@code text} names (an IP address, or a host name that resolves to one), checked to
   * be one of this computer's, or a wildcard.
   *
   * @throws IllegalArgumentException naming what is wrong, in words for the person who gave it
   */
  public static ListenAddress parse(String text) {
    String given = text == null ? "" : text.strip();
    if (given.isEmpty()) {
      throw new IllegalArgumentException(
          "name the address to listen on, like 127.0.0.1 (this computer only) or 0.0.0.0 (every"
              + " address)");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(given);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "cannot listen on " + given + ": no such address or host name", e);
    }
    if (!address.isAnyLocalAddress() && !address.isLoopbackAddress() && !onThisComputer(address)) {
      throw new IllegalArgumentException(
          "cannot listen on "
              + given
              + ": "
              + address.getHostAddress()
              + " is not an address of this computer");
    }
    return new ListenAddress(address);
  }

  /** The address configured in {@code environment}, or {@value #DEFAULT}. */
  public static ListenAddress of(Environment environment) {
    String configured = environment.getProperty(PROPERTY);
    return parse(configured == null || configured.isBlank() ? DEFAULT : configured);
  }

  /** Whether this is a wildcard address: every address of this computer is served. */
  public boolean everyAddress() {
    return address.isAnyLocalAddress();
  }

  /** The address as people write it ({@code 127.0.0.1}, {@code ::1}). */
  @Override
  public String toString() {
    return address.getHostAddress();
  }

  private static boolean onThisComputer(InetAddress address) {
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return false;
    }
  }
}
