package org.keymail.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for test servers that must know their port before they start (a WebAuthn origin, the CRL
 * address written into certificates, a listener named in the settings).
 *
 * <p>A port the kernel hands out for port 0 comes from its range of ephemeral ports, the same range
 * the local end of every outgoing connection on the machine comes from: between the pick and the
 * server's bind, a connection may take it, and the server fails to start. These ports are taken
 * below that range instead, where only listeners go, checked free when picked, and never handed out
 * twice in one JVM.
 */
public final class FreePorts {

  /** The lowest port handed out: above the ports of the services a machine commonly runs. */
  static final int LOWEST = 20_000;

  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  /** Linux's default start of the ephemeral range, where the kernel's setting cannot be read. */
  private static final int DEFAULT_EPHEMERAL_START = 32_768;

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  /**
   * A TCP port that nothing listens on and that no outgoing connection takes, unless the machine's
   * ephemeral range leaves too little room below it: then one the kernel hands out for port 0.
   */
  public static int pick() {
    int end = ephemeralRangeStart();
    boolean room = end - LOWEST >= 1_000;
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = room ? ThreadLocalRandom.current().nextInt(LOWEST, end) : fromTheKernel();
      if ((!room || isFree(port)) && HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port found in 1,000 attempts");
  }

  static int ephemeralRangeStart() {
    try {
      // readAllLines: Files.readString gives a wrong text for this file, which reports size 0
      String range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException unreadable) {
      return DEFAULT_EPHEMERAL_START;
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket probe = new ServerSocket(port)) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static int fromTheKernel() {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
