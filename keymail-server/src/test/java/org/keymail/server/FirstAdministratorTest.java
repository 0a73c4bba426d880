package org.keymail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.TestServer;

/** An empty server prints a one-time activation code for its first administrator, once. */
class FirstAdministratorTest {

  private static final Pattern CODE = Pattern.compile("one-time activation code: ([0-9A-Z-]{24})");

  @Test
  void emptyServerPrintsAWorkingOneTimeCodeOnceAndNeverIntoTheLog() throws Exception {
    String firstStart;
    String secondStart;
    Path data;
    PrintStream console = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (TestServer server = TestServer.start("H2")) {
      data = server.dataDirectory();
      firstStart = captured.toString(StandardCharsets.UTF_8);
      Matcher code = CODE.matcher(firstStart);
      assertThat(code.find()).as("the first start prints an activation code").isTrue();

      ApiClient admin = new ApiClient(server);
      int started =
          admin
              .post("/api/v1/activation/start", Map.of("activationCode", code.group(1)))
              .statusCode();
      assertThat(started).isEqualTo(200);
      assertThat(Files.readString(data.resolve("keymail.log"))).doesNotContain(code.group(1));
      assertThat(firstStart).contains("keymail: first administrator admin@keymail.localhost created.");
    } finally {
      System.setOut(console);
    }
    captured.reset();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (RunningServer again =
        KeymailServer.start(
            ServerOptions.builder()
                .dataDirectory(data)
                .port(0)
                // The CA's plain-HTTP listener on a free port: 8080 may be taken.
                .setting("keymail.pki.port", "0")
                .build())) {
      secondStart = captured.toString(StandardCharsets.UTF_8);
    } finally {
      System.setOut(console);
    }
    assertThat(CODE.matcher(secondStart).find())
        .as("a server with an administrator prints no code")
        .isFalse();
  }
}
