package org.keymail.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.client.AccessCodeInput;
import org.keymail.cli.client.KeymailHome;
import org.keymail.cli.client.ServerAccess;
import org.keymail.server.KeymailServer;
import org.keymail.server.RunningServer;
import org.keymail.server.ServerOptions;

/**
 * {@code keymail server --port 0}, or {@code KEYMAIL_PORT=0}: the server listens on a free port,
 * and that real port is the WebAuthn origin, so the CLI's software PassKey activates and unlocks
 * against it.
 */
class ServerOnAnyPortTest {

  private static final Pattern CODE = Pattern.compile("one-time activation code: ([0-9A-Z-]{24})");

  @TempDir Path folder;

  @Test
  void portZeroPicksAFreePortThatIsAlsoThePassKeyOrigin() throws Exception {
    startsOnAFreePortThatIsThePassKeyOrigin(ServerOptions.builder().port(0));
  }

  @Test
  void portZeroFromTheEnvironmentDoesTheSame() throws Exception {
    // KEYMAIL_PORT reaches server.port through application.yml's placeholder, as this property
    // does.
    startsOnAFreePortThatIsThePassKeyOrigin(ServerOptions.builder().setting("KEYMAIL_PORT", "0"));
  }

  private void startsOnAFreePortThatIsThePassKeyOrigin(ServerOptions.Builder options)
      throws Exception {
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RunningServer started;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      started =
          KeymailServer.start(
              options
                  .dataDirectory(folder.resolve("data"))
                  .setting("keymail.pki.port", "0")
                  .setting("keymail.vault.argon2id.memory-kib", "1024")
                  .setting("keymail.vault.argon2id.iterations", "1")
                  .build());
    } finally {
      System.setOut(console);
    }
    try (RunningServer server = started) {
      assertThat(server.port()).isPositive();
      assertThat(server.baseUri().toString()).isEqualTo("https://localhost:" + server.port() + "/");
      Matcher code = CODE.matcher(printed.toString(StandardCharsets.UTF_8));
      assertThat(code.find()).as("the first administrator's code was printed").isTrue();

      CliRun.Result activated =
          keymail(server, "passkey", "activate", "--code", code.group(1), "--name", "laptop");
      assertThat(activated.exitCode()).as(activated.stderr()).isEqualTo(ExitCodes.OK);
      CliRun.Result unlocked = keymail(server, "unlock");
      assertThat(unlocked.exitCode()).as(unlocked.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(unlocked.out()).startsWith("unlocked until ");
    }
  }

  private CliRun.Result keymail(RunningServer server, String... args) {
    return CliRun.keymail()
        .env(KeymailHome.ENVIRONMENT_VARIABLE, folder.resolve("home").toString())
        .env(ServerAccess.SERVER_VARIABLE, "https://localhost:" + server.port())
        .env(AccessCodeInput.ENVIRONMENT_VARIABLE, "Port-Zero-42")
        .run(args);
  }
}
