package org.keymail.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the HTTPS listener of a real {@code keymail server} (started by the launcher, in a process
 * of its own, as a user starts it) speaks, asked with {@code openssl s_client}: TLS 1.3, and TLS
 * 1.2 with AEAD suites only — TLS 1.0/1.1, CBC and SHA-1 suites are refused — and a renegotiation
 * the client starts is refused.
 */
class ServerTlsIT {

  private static final Path LAUNCHER =
      Path.of(System.getProperty("keymail.launcher", "../keymail"));
  private static final Path JAR =
      Path.of(System.getProperty("keymail.jar", "target/keymail-cli.jar"));

  @TempDir static Path dir;
  private static Process server;
  private static int port;

  @BeforeAll
  static void startServer() throws Exception {
    port = freePort();
    Path log = dir.resolve("server.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                LAUNCHER.toAbsolutePath().toString(),
                "server",
                "--data",
                dir.resolve("data").toString(),
                "--port",
                Integer.toString(port),
                "--pki-port",
                Integer.toString(freePort()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("KEYMAIL_JAR", JAR.toAbsolutePath().toString());
    server = builder.start();
    for (int i = 0; i < 240; i++) {
      String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      if (output.contains("keymail server listening on")) {
        return;
      }
      assertThat(server.isAlive()).as(output).isTrue();
      Thread.sleep(500); // waiting for another process to start, not for time to pass
    }
    throw new AssertionError("the server did not start: " + Files.readString(log));
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void tls13AndTls12WithAeadSuitesOnly() throws Exception {
    assertThat(handshake("-tls1_3")).contains("Cipher is TLS_AES_");
    assertThat(handshake("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"))
        .contains("Cipher is ECDHE-ECDSA-AES128-GCM-SHA256");
    assertThat(handshake("-tls1_2", "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305"))
        .contains("Cipher is ECDHE-ECDSA-CHACHA20-POLY1305");
  }

  @Test
  void oldProtocolsAndCbcSuitesAreRefused() throws Exception {
    for (List<String> refused :
        List.of(
            List.of("-tls1_1"),
            List.of("-tls1"),
            List.of("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256"),
            List.of("-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-SHA384"),
            List.of("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA"),
            List.of("-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-SHA"))) {
      assertThat(handshake(refused.toArray(String[]::new)))
          .as(refused.toString())
          .contains("Cipher is (NONE)")
          .containsPattern("alert (protocol version|handshake failure)|no protocols available");
    }
  }

  @Test
  void aRenegotiationTheClientStartsIsRefused() throws Exception {
    String request = "GET /pki/root.pem HTTP/1.0\r\n\r\n";
    String plain = session(List.of("-tls1_2", "-quiet"), request);
    String renegotiated = session(List.of("-tls1_2"), "R\n", request);

    assertThat(plain).contains("HTTP/1.1 200");
    assertThat(renegotiated).contains("RENEGOTIATING").doesNotContain("HTTP/1.1 200");
  }

  private static String handshake(String... options) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("openssl", "s_client", "-connect", "localhost:" + port));
    command.addAll(List.of(options));
    Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
    client.getOutputStream().close();
    String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return output;
  }

  /**
   * Sends {@code lines} one after the other, a second apart (openssl acts on "R" as it reads it).
   */
  private static String session(List<String> options, String... lines) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("openssl", "s_client", "-connect", "localhost:" + port));
    command.addAll(options);
    Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    output.append(
                        new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                  } catch (IOException e) {
                    output.append(e);
                  }
                });
    for (String line : lines) {
      Thread.sleep(1000); // let openssl finish the handshake (or the renegotiation) first
      try {
        client.getOutputStream().write(line.getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
      } catch (IOException closed) {
        break; // the server has closed the connection
      }
    }
    Thread.sleep(2000); // the server's answer, if any, to the last line
    client.destroy();
    client.waitFor(30, TimeUnit.SECONDS);
    reader.join(10_000);
    return output.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
