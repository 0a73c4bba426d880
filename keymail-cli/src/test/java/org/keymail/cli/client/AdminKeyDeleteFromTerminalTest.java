package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.cli.CliRun;
import org.keymail.cli.ExitCodes;

/**
 * {@code keymail admin key delete}: an administrator deletes a user's vault key with a reason; the
 * user themself may not; the deleted key is gone for good.
 */
class AdminKeyDeleteFromTerminalTest {

  private static final Pattern INVITED =
      Pattern.compile("one-time activation code: ([0-9A-Z-]{24})");
  private static final Pattern NEW_KEY =
      Pattern.compile("new ec-p256 key ([0-9a-f-]{36}) is in the vault");
  private static final String ADMIN_CODE = "Admin-Access-1";
  private static final String BOB_CODE = "bob's Access 2";

  @TempDir Path folder;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void administratorDeletesAUsersKeyWithAReasonAndTheUserCannot(String product) throws Exception {
    try (CliTestServer server = CliTestServer.start(product, "alice@example.org")) {
      Person alice = new Person(Files.createDirectory(folder.resolve("alice")), server.url());
      Person bob = new Person(Files.createDirectory(folder.resolve("bob")), server.url());
      alice.activateAndUnlock(ADMIN_CODE, server.adminCode());
      Matcher bobsCode =
          INVITED.matcher(alice.run("admin", "user", "invite", "bob@example.org").out());
      assertThat(bobsCode.find()).isTrue();
      Path accessCodeFile = bob.file("code.txt", BOB_CODE + "\n");
      assertThat(
              bob.run(
                      "passkey",
                      "activate",
                      "--code",
                      bobsCode.group(1),
                      "--access-code-file",
                      accessCodeFile.toString())
                  .exitCode())
          .isZero();
      assertThat(bob.run("unlock", "--access-code-file", accessCodeFile.toString()).exitCode())
          .isZero();
      CliRun.Result generated = bob.run("cert", "generate", "--algorithm", "ec-p256");
      Matcher key = NEW_KEY.matcher(generated.stderr());
      assertThat(key.find()).as(generated.stderr()).isTrue();

      CliRun.Result byBob =
          bob.run(
              "admin",
              "key",
              "delete",
              key.group(1),
              "--user",
              "bob@example.org",
              "--reason",
              "mine");
      assertThat(byBob.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(byBob.stderr()).isEqualTo("keymail: Only an administrator may do this.\n");
      CliRun.Result noReason =
          alice.run("admin", "key", "delete", key.group(1), "--user", "bob@example.org");
      assertThat(noReason.exitCode()).isNotZero();
      assertThat(noReason.stderr()).contains("--reason");

      CliRun.Result deleted =
          alice.run(
              "admin",
              "key",
              "delete",
              key.group(1),
              "--user",
              "bob@example.org",
              "--reason",
              "left the company");
      assertThat(deleted.exitCode()).as(deleted.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(deleted.out())
          .isEqualTo(
              "deleted vault key "
                  + key.group(1)
                  + " of bob@example.org; the audit log records why: left the company\n");

      CliRun.Result again =
          alice.run(
              "admin",
              "key",
              "delete",
              key.group(1),
              "--user",
              "bob@example.org",
              "--reason",
              "again");
      assertThat(again.exitCode()).isNotZero();
      assertThat(again.stderr())
          .isEqualTo("keymail: The user bob@example.org has no vault key " + key.group(1) + ".\n");
    }
  }
}
