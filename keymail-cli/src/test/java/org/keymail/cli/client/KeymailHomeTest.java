package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.KeymailChild;
import org.keymail.testing.ProcessResult;

/**
 * Where the CLI keeps its files ({@code $KEYMAIL_HOME}, else {@code $HOME/.keymail}), as a process
 * started with that environment sees it, and which server a command uses when none is named: the
 * last one that answered, else {@code https://localhost:8443}, said in one line on standard error.
 */
class KeymailHomeTest {

  private static CliTestServer server;

  @TempDir Path folder;

  @BeforeAll
  static void startServer() throws Exception {
    server = CliTestServer.start("H2", "admin@example.org");
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void homeFromTheEnvironmentIsWhereTheFilesGoNotJavasUserHome() throws Exception {
    Path home = folder.resolve("someone");

    ProcessResult root =
        KeymailChild.in(folder, "ca", "root", "--server", server.url())
            .env("HOME", home.toString())
            .timeLimit(Duration.ofMinutes(2))
            .run();

    assertThat(root.exitCode()).as(root.err()).isEqualTo(ExitCodes.OK);
    assertThat(home.toString()).isNotEqualTo(System.getProperty("user.home"));
    assertThat(home.resolve(".keymail/known-servers")).isRegularFile();
    assertThat(Files.readString(home.resolve(".keymail/server"))).isEqualTo(server.url() + "\n");
  }

  @Test
  void keymailHomeWinsOverHome() throws Exception {
    Path home = folder.resolve("someone");
    Path keymailHome = folder.resolve("keymail-home");

    ProcessResult root =
        KeymailChild.in(folder, "ca", "root", "--server", server.url())
            .env("HOME", home.toString())
            .env(KeymailHome.ENVIRONMENT_VARIABLE, keymailHome.toString())
            .timeLimit(Duration.ofMinutes(2))
            .run();

    assertThat(root.exitCode()).as(root.err()).isEqualTo(ExitCodes.OK);
    assertThat(keymailHome.resolve("known-servers")).isRegularFile();
    assertThat(Files.readString(keymailHome.resolve("server"))).isEqualTo(server.url() + "\n");
    assertThat(home).doesNotExist();
  }

  @Test
  void aCommandNamingNoServerSaysItUsesTheDefault() {
    CliRun.Result list = inHome().run("passkey", "list");

    assertThat(list.exitCode()).isEqualTo(ExitCodes.NOT_UNLOCKED);
    assertThat(list.stderr())
        .isEqualTo(
            "keymail: using https://localhost:8443 (no --server or KEYMAIL_SERVER given)\n"
                + "keymail: not unlocked: run 'keymail unlock' first\n");
  }

  @Test
  void aCommandNamingNoServerUsesAndNamesTheLastThatAnswered() {
    CliRun.Result first = inHome().run("ca", "root", "--server", server.url());
    assertThat(first.exitCode()).as(first.stderr()).isEqualTo(ExitCodes.OK);

    CliRun.Result again = inHome().run("ca", "root");

    assertThat(again.exitCode()).as(again.stderr()).isEqualTo(ExitCodes.OK);
    assertThat(again.stderr())
        .startsWith(
            "keymail: using "
                + server.url()
                + ", the last server that answered (no --server or KEYMAIL_SERVER given)\n");
    assertThat(again.out()).isEqualTo(first.out());
  }

  @Test
  void aServerNamedByOptionOrEnvironmentIsNotAnnounced() {
    CliRun.Result byOption = inHome().run("ca", "root", "--server", server.url());
    CliRun.Result byEnvironment =
        inHome().env(ServerAccess.SERVER_VARIABLE, server.url()).run("ca", "root");

    assertThat(byOption.exitCode()).as(byOption.stderr()).isEqualTo(ExitCodes.OK);
    assertThat(byEnvironment.exitCode()).as(byEnvironment.stderr()).isEqualTo(ExitCodes.OK);
    assertThat(byOption.stderr()).doesNotContain("keymail: using");
    assertThat(byEnvironment.stderr()).doesNotContain("keymail: using");
  }

  @Test
  void helpNamesKeymailHome() {
    assertThat(CliRun.keymail().run("--help").out()).contains("KEYMAIL_HOME");
    for (String[] command :
        new String[][] {
          {"unlock", "--help"}, {"passkey", "activate", "--help"}, {"ca", "root", "--help"}
        }) {
      assertThat(CliRun.keymail().run(command).out())
          .as(String.join(" ", command))
          .contains("$KEYMAIL_HOME");
    }
  }

  private CliRun inHome() {
    return CliRun.keymail()
        .env(KeymailHome.ENVIRONMENT_VARIABLE, folder.resolve("home").toString());
  }
}
