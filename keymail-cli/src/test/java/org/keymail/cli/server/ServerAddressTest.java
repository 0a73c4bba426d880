package org.keymail.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.server.KeymailServer;
import org.keymail.server.RunningServer;
import org.keymail.server.ServerOptions;
import org.keymail.server.directory.ldap.DirectoryPort;

/**
 * Where the server listens, for HTTPS, the plain-HTTP PKI listener and the directory over LDAP
 * alike: this computer only (127.0.0.1) unless an address is given, and then that address only.
 * Needs an address of this computer other than loopback (as {@code hostname -I} shows); without
 * one, there is nothing to tell apart.
 */
class ServerAddressTest {

  @TempDir Path folder;

  @Test
  void byDefaultTheServerListensOnLoopbackOnlyNotOnTheComputersOtherAddress() throws Exception {
    InetAddress other = otherAddress();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    try (RunningServer server =
        start(
            ServerOptions.builder()
                .setting("keymail.directory.ldap.port", "0")
                .console(console(printed)))) {
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      int directory = server.bean(DirectoryPort.class).number();
      assertThat(ServerStartTest.connects(loopback, directory))
          .as("directory over LDAP on 127.0.0.1")
          .isTrue();
      assertThat(ServerStartTest.connects(other, directory))
          .as("directory over LDAP on " + other)
          .isFalse();
      assertThat(ServerStartTest.connects(loopback, server.port()))
          .as("HTTPS on 127.0.0.1")
          .isTrue();
      assertThat(ServerStartTest.connects(loopback, server.pkiPort()))
          .as("PKI on 127.0.0.1")
          .isTrue();
      assertThat(ServerStartTest.connects(other, server.port())).as("HTTPS on " + other).isFalse();
      assertThat(ServerStartTest.connects(other, server.pkiPort())).as("PKI on " + other).isFalse();
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains(
              "keymail server listening on https://localhost:"
                  + server.port()
                  + "/ (address 127.0.0.1)");
    }
  }

  @Test
  void anEmptyKeymailAddressMeansThisComputerOnlyNotEveryAddress() throws Exception {
    InetAddress other = otherAddress();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    // Tomcat reads an empty address as every address; keymail reads it as unset.
    try (RunningServer server =
        start(ServerOptions.builder().setting("KEYMAIL_ADDRESS", "").console(console(printed)))) {
      assertThat(ServerStartTest.connects(other, server.port())).as("HTTPS on " + other).isFalse();
      assertThat(ServerStartTest.connects(other, server.pkiPort())).as("PKI on " + other).isFalse();
      assertThat(ServerStartTest.connects(InetAddress.getByName("127.0.0.1"), server.port()))
          .isTrue();
      assertThat(printed.toString(StandardCharsets.UTF_8)).contains("(address 127.0.0.1)");
    }
  }

  @Test
  void keymailAddressBindsBothListenersToThatAddressOnly() throws Exception {
    InetAddress other = otherAddress();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    // KEYMAIL_ADDRESS reaches keymail.address through application.yml's placeholder, as this does.
    try (RunningServer server =
        start(
            ServerOptions.builder()
                .setting("KEYMAIL_ADDRESS", other.getHostAddress())
                .setting("keymail.directory.ldap.port", "0")
                .console(console(printed)))) {
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      int directory = server.bean(DirectoryPort.class).number();
      assertThat(ServerStartTest.connects(other, directory))
          .as("directory over LDAP on " + other)
          .isTrue();
      assertThat(ServerStartTest.connects(loopback, directory))
          .as("directory over LDAP on 127.0.0.1")
          .isFalse();
      assertThat(ServerStartTest.connects(other, server.port())).as("HTTPS on " + other).isTrue();
      assertThat(ServerStartTest.connects(other, server.pkiPort())).as("PKI on " + other).isTrue();
      assertThat(ServerStartTest.connects(loopback, server.port()))
          .as("HTTPS on 127.0.0.1")
          .isFalse();
      assertThat(ServerStartTest.connects(loopback, server.pkiPort()))
          .as("PKI on 127.0.0.1")
          .isFalse();
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("(address " + other.getHostAddress() + ")")
          .contains("note: PassKeys work only at https://localhost;");
    }
  }

  private RunningServer start(ServerOptions.Builder options) {
    return KeymailServer.start(
        options
            .dataDirectory(folder.resolve("data"))
            .port(0)
            .setting("keymail.pki.port", "0")
            .setting("logging.file.name", folder.resolve("data/keymail.log").toString())
            .build());
  }

  private static PrintStream console(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  /** An IPv4 address of this computer other than loopback; the test is skipped without one. */
  private static InetAddress otherAddress() throws SocketException {
    Optional<InetAddress> other =
        NetworkInterface.networkInterfaces()
            .filter(ServerAddressTest::up)
            .flatMap(NetworkInterface::inetAddresses)
            .filter(
                a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
            .findFirst();
    assumeTrue(other.isPresent(), "this computer has no address but loopback");
    return other.get();
  }

  private static boolean up(NetworkInterface network) {
    try {
      return network.isUp() && !network.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }
}
