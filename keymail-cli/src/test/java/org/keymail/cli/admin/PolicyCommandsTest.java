package org.keymail.cli.admin;

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

/** {@code keymail admin policy list|set} against a real server, as its first administrator. */
class PolicyCommandsTest {

  private static final Pattern CODE = Pattern.compile("one-time activation code: ([0-9A-Z-]{24})");

  @TempDir Path folder;

  @Test
  void anAdministratorListsAndSetsThePolicies() throws Exception {
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RunningServer started;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      started =
          KeymailServer.start(
              ServerOptions.builder()
                  .dataDirectory(folder.resolve("data"))
                  .port(0)
                  .setting("keymail.pki.port", "0")
                  .setting("keymail.vault.argon2id.memory-kib", "1024")
                  .setting("keymail.vault.argon2id.iterations", "1")
                  .build());
    } finally {
      System.setOut(console);
    }
    try (RunningServer server = started) {
      Matcher code = CODE.matcher(printed.toString(StandardCharsets.UTF_8));
      assertThat(code.find()).as("the first administrator's code was printed").isTrue();
      CliRun.Result activated = keymail(server, "passkey", "activate", "--code", code.group(1));
      assertThat(activated.exitCode()).as(activated.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(keymail(server, "unlock").exitCode()).isEqualTo(ExitCodes.OK);

      CliRun.Result set = keymail(server, "admin", "policy", "set", "session.idle-minutes", "30");
      assertThat(set.exitCode()).as(set.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(set.out()).isEqualTo("session.idle-minutes is now 30 minutes\n");

      CliRun.Result wrong =
          keymail(server, "admin", "policy", "set", "session.absolute-hours", "0");
      assertThat(wrong.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(wrong.stderr())
          .isEqualTo("keymail: session.absolute-hours is between 1 and 168 hours, not 0\n");

      CliRun.Result off =
          keymail(server, "admin", "policy", "set", "signing.certificate-choice", "off");
      assertThat(off.exitCode()).as(off.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(off.out()).isEqualTo("signing.certificate-choice is now off\n");
      CliRun.Result notASwitch =
          keymail(server, "admin", "policy", "set", "signing.passkey-certificates-only", "2");
      assertThat(notASwitch.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(notASwitch.stderr())
          .isEqualTo("keymail: signing.passkey-certificates-only is on or off, not '2'\n");

      CliRun.Result required = keymail(server, "admin", "policy", "set", "mail.sign", "required");
      assertThat(required.exitCode()).as(required.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(required.out()).isEqualTo("mail.sign is now required\n");
      CliRun.Result gcmOnly =
          keymail(server, "admin", "policy", "set", "mail.encryption-algorithms", "aes-256-gcm");
      assertThat(gcmOnly.exitCode()).as(gcmOnly.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(gcmOnly.out()).isEqualTo("mail.encryption-algorithms is now aes-256-gcm\n");

      CliRun.Result listed = keymail(server, "admin", "policy", "list");
      assertThat(listed.exitCode()).as(listed.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(listed.out().lines().toList())
          .hasSize(19)
          .satisfies(
              lines -> {
                assertThat(lines.get(0)).startsWith("NAME ");
                assertThat(lines.get(1))
                    .matches("session\\.idle-minutes\\s+30\\s+minutes\\s+15\\s+1-1440\\s+\\S.*");
                assertThat(lines.get(2))
                    .isEqualTo("    An unlock session ends after this many minutes without use.");
                assertThat(lines.get(3))
                    .matches(
                        "session\\.absolute-hours\\s+8\\s+hours\\s+8\\s+1-168\\s+\\(default\\)");
                assertThat(lines.get(5))
                    .matches("signing\\.certificate-choice\\s+off\\s+on\\s+on/off\\s+\\S.*");
                assertThat(lines.get(6))
                    .startsWith("    Users may choose in their webmail options which certificate");
                assertThat(lines.get(7))
                    .matches(
                        "signing\\.passkey-certificates-only\\s+off\\s+off\\s+on/off\\s+\\(default\\)");
                assertThat(lines.get(9))
                    .matches(
                        "signin\\.webmail\\s+passkey\\s+passkey\\s+passkey/certificate/either/both"
                            + "\\s+\\(default\\)");
                assertThat(lines.get(13))
                    .matches(
                        "mail\\.sign\\s+required\\s+user-choice\\s+"
                            + "user-choice/default-on/required\\s+\\S.*");
                assertThat(lines.get(14)).startsWith("    Whether mail is signed: user-choice");
                assertThat(lines.get(15))
                    .matches(
                        "mail\\.encrypt\\s+user-choice\\s+user-choice\\s+"
                            + "user-choice/default-on/required\\s+\\(default\\)");
                assertThat(lines.get(17))
                    .matches(
                        "mail\\.encryption-algorithms\\s+aes-256-gcm\\s+aes-256-gcm,aes-256-cbc\\s+"
                            + "some of aes-256-gcm,aes-256-cbc\\s+\\S.*");
                assertThat(lines.get(18))
                    .isEqualTo(
                        "    The algorithms keymail may encrypt mail with (aes-256-gcm,"
                            + " aes-256-cbc): it takes aes-256-gcm when every recipient reads it,"
                            + " else aes-256-cbc, and refuses to send when neither allowed one suits"
                            + " every recipient; mail already received is read whatever its"
                            + " algorithm.");
              });
    }
  }

  private CliRun.Result keymail(RunningServer server, String... args) {
    return CliRun.keymail()
        .env(KeymailHome.ENVIRONMENT_VARIABLE, folder.resolve("home").toString())
        .env(ServerAccess.SERVER_VARIABLE, "https://localhost:" + server.port())
        .env(AccessCodeInput.ENVIRONMENT_VARIABLE, "Policy-Admin-42")
        .run(args);
  }
}
