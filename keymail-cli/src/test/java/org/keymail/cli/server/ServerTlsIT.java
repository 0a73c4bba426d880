package org.keymail.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.testing.Await;
import org.keymail.testing.FreePorts;

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

  /** How long a server that must not answer is given to answer all the same. */
  private static final Duration REFUSAL_WAIT = Duration.ofSeconds(3);

  @TempDir static Path dir;
  private static Process server;
  private static int port;

  @BeforeAll
  static void startServer() throws Exception {
    port = FreePorts.pick();
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
                Integer.toString(FreePorts.pick()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("KEYMAIL_JAR", JAR.toAbsolutePath().toString());
    server = builder.start();
    Await.until(
        Duration.ofMinutes(2),
        () -> "the server to say it listens; it printed: " + serverLog(log),
        () -> {
          String output = serverLog(log);
          assertThat(server.isAlive()).as(output).isTrue();
          return output.contains("keymail server listening on");
        });
  }

  private static String serverLog(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    String plain;
    try (SClient client = SClient.connect("-tls1_2", "-quiet")) {
      client.send(request);
      plain = client.awaitEnd();
    }
    String renegotiated;
    try (SClient client = SClient.connect("-tls1_2")) {
      client.send("R\n");
      // openssl reads all its input holds at once and acts on "R" only as a line of its own.
      client.awaitOutput("RENEGOTIATING");
      client.send(request);
      // Refused, the renegotiation never completes and the request is never answered.
      renegotiated = client.answerWithin(REFUSAL_WAIT);
    }

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
   * One {@code openssl s_client} connection to the server, what it prints (standard output and
   * error) collected as it comes. openssl reads its input only once the handshake is done, so what
   * is sent before waits for it.
   */
  private static final class SClient implements AutoCloseable {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final Thread reader;

    private SClient(Process process) {
      this.process = process;
      this.reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (Reader in =
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
                      char[] buffer = new char[4096];
                      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        synchronized (output) {
                          output.append(buffer, 0, n);
                        }
                      }
                    } catch (IOException e) {
                      synchronized (output) {
                        output.append(e);
                      }
                    }
                  });
    }

    static SClient connect(String... options) throws IOException {
      List<String> command =
          new ArrayList<>(List.of("openssl", "s_client", "-connect", "localhost:" + port));
      command.addAll(List.of(options));
      return new SClient(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Writes {@code text} to openssl; does nothing once the server has closed the connection. */
    void send(String text) {
      try {
        process.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().flush();
      } catch (IOException closed) {
        // the server has closed the connection, and openssl has ended
      }
    }

    /** Waits until openssl has printed {@code text}, or has ended. */
    void awaitOutput(String text) {
      Await.until(
          LIMIT,
          () -> "openssl to print " + text + "; it printed: " + printed(),
          () -> printed().contains(text) || !process.isAlive());
    }

    /**
     * Waits until the server has closed the connection (after its answer, or after refusing what
     * was asked) and openssl has ended; all it printed.
     */
    String awaitEnd() throws InterruptedException {
      Await.until(
          LIMIT,
          () -> "the server to close the connection; openssl printed: " + printed(),
          () -> !process.isAlive());
      reader.join(LIMIT);
      return printed();
    }

    /**
     * What openssl printed once the server has answered or closed the connection, or once {@code
     * limit} has passed without either.
     */
    String answerWithin(Duration limit) {
      Await.within(limit, () -> printed().contains("HTTP/") || !process.isAlive());
      return printed();
    }

    private String printed() {
      synchronized (output) {
        return output.toString();
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
    }
  }
}
