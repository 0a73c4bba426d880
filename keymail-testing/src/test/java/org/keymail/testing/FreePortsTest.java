package org.keymail.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void portsAreFreeBelowTheEphemeralRangeAndNeverHandedOutTwice() throws IOException {
    int ephemeralStart = FreePorts.ephemeralRangeStart();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      int port = FreePorts.pick();
      assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
      if (ephemeralStart - FreePorts.LOWEST >= 1_000) {
        assertThat(port).isBetween(FreePorts.LOWEST, ephemeralStart - 1);
      }
    }
    int port = FreePorts.pick();
    try (ServerSocket server = new ServerSocket(port)) {
      assertThat(server.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aPortSomethingListensOnIsNotHandedOut() throws IOException {
    // hold 300 ports, then pick 300 times: without the check about 7 picks would land on them
    Set<Integer> held = new HashSet<>();
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int port = FreePorts.LOWEST; port < FreePorts.LOWEST + 300; port++) {
        try {
          sockets.add(new ServerSocket(port));
          held.add(port);
        } catch (IOException alreadyTaken) {
          // something else holds it: just as good
        }
      }
      for (int i = 0; i < 300; i++) {
        assertThat(held).doesNotContain(FreePorts.pick());
      }
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }
}
