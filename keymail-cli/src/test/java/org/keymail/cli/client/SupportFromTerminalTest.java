package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;
import org.keymail.cli.ExitCodes;
import org.keymail.mail.imap.Mailboxes;
import org.keymail.smime.address.EmailAddress;

/**
 * {@code keymail support report} against a real server with its embedded mail server: the report
 * reaches the service desk, and the command prints what was sent with each attachment's size and
 * SHA-256, the same the report's text states; neither the access code nor the session token is
 * printed. Without a message, or with both kinds, it is a usage error.
 */
class SupportFromTerminalTest {

  private static final String ACCESS_CODE = "Support-Access-7";
  private static final String DESK = "desk@example.org";
  private static final Pattern ATTACHED =
      Pattern.compile("attached (\\S+)  (\\d+) bytes  SHA-256 ([0-9a-f]{64})");

  @TempDir Path folder;

  @Test
  void reportIsSentAndPrintedWithTheHashesOfItsAttachments() throws Exception {
    try (CliTestServer server =
        CliTestServer.start("H2", "alice@example.org", Map.of("keymail.support.address", DESK))) {
      Person alice = new Person(Files.createDirectory(folder.resolve("alice")), server.url());
      ok(
          alice.withAccessCode(
              ACCESS_CODE, "passkey", "activate", "--code", server.adminCode(), "--name", "key"));
      ok(alice.withAccessCode(ACCESS_CODE, "unlock"));

      Path problem = alice.file("problem.txt", "Signing fails since this morning.\n");
      CliRun.Result sent =
          ok(
              alice.run(
                  "support",
                  "report",
                  "--message-file",
                  problem.toString(),
                  "--reply-to",
                  "alice.home@example.net",
                  "--name",
                  "Alice Doe"));
      assertThat(sent.out())
          .contains("Sent to " + DESK)
          .contains("Reply to: alice.home@example.net")
          .contains("Signing fails since this morning.")
          .contains("Alice Doe");
      Matcher attached = ATTACHED.matcher(sent.out());
      int files = 0;
      while (attached.find()) {
        files++;
        assertThat(sent.out())
            .as("the report's text states the same hash")
            .contains(
                attached.group(1)
                    + ", "
                    + attached.group(2)
                    + " bytes, SHA-256 "
                    + attached.group(3));
      }
      assertThat(files).isEqualTo(2);
      assertThat(sent.out()).contains("audit-events.json", "server-log.jsonl");
      assertThat(
              server
                  .bean(Mailboxes.class)
                  .of(EmailAddress.parse(DESK))
                  .page("INBOX", 0, 10)
                  .messages())
          .hasSize(1);

      assertThat(alice.run("support", "report").exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(
              alice
                  .run("support", "report", "--message", "x", "--message-file", problem.toString())
                  .exitCode())
          .isEqualTo(ExitCodes.UNUSABLE);
      assertThat(alice.everythingPrinted())
          .doesNotContain(ACCESS_CODE)
          .doesNotContain(alice.sessionToken());
    }
  }

  private static CliRun.Result ok(CliRun.Result result) {
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.OK);
    return result;
  }
}
