package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.cli.CliRun;
import org.keymail.cli.ExitCodes;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;

/**
 * The {@code keymail} commands against a real server in this JVM over real HTTPS, on H2 and on
 * PostgreSQL: the first administrator activates with the code the server printed, unlocks, invites
 * a user who activates too; certificates are generated, imported and listed; three wrong access
 * codes lock the PassKey; a revoked PassKey no longer unlocks. No access code or session token is
 * ever printed.
 */
class KeymailAgainstServerTest {

  private static final Pattern INVITED =
      Pattern.compile("one-time activation code: ([0-9A-Z-]{24})");
  private static final String ADMIN_CODE = "Admin-Access-1";
  private static final String BOB_CODE = "bob's Access 2";

  @TempDir Path folder;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void administratorInvitesUserWhoImportsCertificatesUntilLockedAndRevokedPassKeyCannotUnlock(
      String product) throws Exception {
    List<String> secrets = new ArrayList<>(List.of(ADMIN_CODE, BOB_CODE));
    try (CliTestServer server = CliTestServer.start(product, "alice@example.org")) {
      Person alice = new Person(Files.createDirectory(folder.resolve("alice")), server.url());
      Person bob = new Person(Files.createDirectory(folder.resolve("bob")), server.url());

      CliRun.Result activated =
          alice.withAccessCode(
              ADMIN_CODE, "passkey", "activate", "--code", server.adminCode(), "--name", "laptop");
      assertThat(activated.exitCode()).as(activated.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(activated.out())
          .contains(
              "PassKey \"laptop\" activated and saved in " + alice.home().resolve("passkey.json"));
      assertThat(activated.stderr())
          .contains("first connection to localhost:")
          .contains("SHA-256 fingerprint is ");

      CliRun.Result unlocked = alice.withAccessCode(ADMIN_CODE, "unlock");
      assertThat(unlocked.exitCode()).as(unlocked.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(unlocked.out()).matches("(?s)unlocked until \\d\\d:\\d\\d .*");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(alice.home().resolve("session"))))
          .isEqualTo("rw-------");
      secrets.add(alice.sessionToken());

      CliRun.Result invited =
          alice.run("admin", "user", "invite", "bob@example.org", "--name", "Bob");
      assertThat(invited.exitCode()).as(invited.stderr()).isEqualTo(ExitCodes.OK);
      Matcher bobsCode = INVITED.matcher(invited.out());
      assertThat(bobsCode.find()).as(invited.out()).isTrue();

      Path accessCodeFile = bob.file("code.txt", BOB_CODE + "\n");
      CliRun.Result bobActivated =
          bob.run(
              "passkey",
              "activate",
              "--code",
              bobsCode.group(1).toLowerCase(),
              "--access-code-file",
              accessCodeFile.toString());
      assertThat(bobActivated.exitCode()).as(bobActivated.stderr()).isEqualTo(ExitCodes.OK);
      CliRun.Result bobUnlocked =
          bob.run("unlock", "--access-code-file", accessCodeFile.toString());
      assertThat(bobUnlocked.exitCode()).as(bobUnlocked.stderr()).isEqualTo(ExitCodes.OK);
      secrets.add(bob.sessionToken());

      CliRun.Result notAdmin = bob.run("admin", "user", "invite", "carol@example.org");
      assertThat(notAdmin.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(notAdmin.stderr()).isEqualTo("keymail: Only an administrator may do this.\n");

      CliRun.Result generated = bob.run("cert", "generate", "--algorithm", "ec-p256");
      assertThat(generated.exitCode()).as(generated.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(generated.out())
          .startsWith("-----BEGIN CERTIFICATE REQUEST-----")
          .contains("-----END CERTIFICATE REQUEST-----");
      assertThat(generated.stderr()).contains("new ec-p256 key ").contains(" is in the vault");

      Identity bobsIdentity = TestPki.create().user("bob@example.org", KeyType.RSA_2048);
      Path p12 =
          PemFiles.writeP12(folder.resolve("bob.p12"), bobsIdentity, "p12-secret".toCharArray());
      CliRun.Result imported =
          bob.run(Map.of("KEYMAIL_P12_PASSWORD", "p12-secret"), "cert", "import", p12.toString());
      assertThat(imported.exitCode()).as(imported.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(imported.out()).startsWith("imported 1 key(s) from " + p12).contains("imported");

      CliRun.Result listed = bob.run("cert", "list");
      assertThat(listed.exitCode()).as(listed.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(listed.out())
          .contains(org.keymail.smime.CertificateNames.subject(bobsIdentity.certificate()))
          .contains("imported");

      CliRun.Result wrongPassword =
          bob.run(Map.of("KEYMAIL_P12_PASSWORD", "not-it"), "cert", "import", p12.toString());
      assertThat(wrongPassword.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(wrongPassword.stderr()).startsWith("keymail: ").doesNotContain("Exception");

      CliRun.Result first = bob.withAccessCode("wrong one", "unlock");
      assertThat(first.exitCode()).isEqualTo(ExitCodes.WRONG_ACCESS_CODE);
      assertThat(first.stderr())
          .isEqualTo(
              "keymail: Wrong access code: 2 tries left before this PassKey locks for 15 minutes\n");
      assertThat(bob.withAccessCode("wrong two", "unlock").exitCode())
          .isEqualTo(ExitCodes.WRONG_ACCESS_CODE);
      CliRun.Result third = bob.withAccessCode("wrong three", "unlock");
      assertThat(third.exitCode()).isEqualTo(ExitCodes.LOCKED);
      assertThat(third.stderr())
          .matches("keymail: PassKey locked until \\d\\d:\\d\\d after 3 wrong access codes\n");
      CliRun.Result rightButLocked = bob.withAccessCode(BOB_CODE, "unlock");
      assertThat(rightButLocked.exitCode()).isEqualTo(ExitCodes.LOCKED);
      assertThat(rightButLocked.stderr()).isEqualTo(third.stderr());

      CliRun.Result passKeys = alice.run("passkey", "list");
      assertThat(passKeys.exitCode()).as(passKeys.stderr()).isEqualTo(ExitCodes.OK);
      Matcher own =
          Pattern.compile("([0-9a-f-]{36})  active .*laptop \\(SOFTWARE\\)  <- this session")
              .matcher(passKeys.out());
      assertThat(own.find()).as(passKeys.out()).isTrue();
      CliRun.Result renamed = alice.run("passkey", "rename", own.group(1), "old laptop");
      assertThat(renamed.exitCode()).as(renamed.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(alice.run("passkey", "list").out()).contains("old laptop (SOFTWARE)");

      CliRun.Result revoked = alice.run("passkey", "revoke", own.group(1));
      assertThat(revoked.exitCode()).as(revoked.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(revoked.out()).contains("It was this session's PassKey: you are locked now.");
      assertThat(alice.home().resolve("session")).doesNotExist();
      CliRun.Result refused = alice.withAccessCode(ADMIN_CODE, "unlock");
      assertThat(refused.exitCode()).isEqualTo(ExitCodes.NOT_UNLOCKED);
      assertThat(refused.stderr()).startsWith("keymail: ").doesNotContain("Exception");
      CliRun.Result notUnlocked = alice.run("cert", "list");
      assertThat(notUnlocked.exitCode()).isEqualTo(ExitCodes.NOT_UNLOCKED);
      assertThat(notUnlocked.stderr())
          .isEqualTo(
              "keymail: not unlocked: run 'keymail unlock', or give the access code"
                  + " (KEYMAIL_ACCESS_CODE, --access-code-file, --access-code-fd)\n");

      for (Person person : List.of(alice, bob)) {
        String printed = person.everythingPrinted();
        for (String secret : secrets) {
          assertThat(printed).as("a secret was printed").doesNotContain(secret);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void lockForgetsTheSessionAndCommandsThenAskToUnlock(String product) throws Exception {
    try (CliTestServer server = CliTestServer.start(product, "alice@example.org")) {
      Person alice = new Person(Files.createDirectory(folder.resolve("alice")), server.url());
      alice.activateAndUnlock(ADMIN_CODE, server.adminCode());
      String token = alice.sessionToken();

      CliRun.Result locked = alice.run("lock");
      assertThat(locked.exitCode()).as(locked.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(locked.out()).startsWith("locked");
      assertThat(alice.home().resolve("session")).doesNotExist();
      CliRun.Result after = alice.run("passkey", "list");
      assertThat(after.exitCode()).isEqualTo(ExitCodes.NOT_UNLOCKED);
      assertThat(alice.everythingPrinted()).doesNotContain(token).doesNotContain(ADMIN_CODE);
    }
  }

  @Test
  void aSessionTheServerEndedIsOpenedAgainByTheAdministrationAndPassKeyCommands() throws Exception {
    try (CliTestServer server = CliTestServer.start("H2", "alice@example.org")) {
      Person alice = new Person(Files.createDirectory(folder.resolve("alice")), server.url());
      alice.activateAndUnlock(ADMIN_CODE, server.adminCode());
      // The server ends the session while this computer still holds it (as when the keys lock
      // after a while without use, or the server restarts).
      Path session = alice.home().resolve("session");
      byte[] ended = Files.readAllBytes(session);
      String endedToken = alice.sessionToken();
      assertThat(alice.run("lock").exitCode()).isZero();
      Files.write(session, ended);

      CliRun.Result withoutCode = alice.run("passkey", "list");
      CliRun.Result withCode = alice.withAccessCode(ADMIN_CODE, "admin", "user", "list");
      CliRun.Result later = alice.run("passkey", "list");

      assertThat(withoutCode.exitCode()).isEqualTo(ExitCodes.NOT_UNLOCKED);
      assertThat(withoutCode.stderr())
          .endsWith(
              "keymail: Present your PassKey to unlock your keys (run 'keymail unlock', or give"
                  + " it with KEYMAIL_ACCESS_CODE)\n");
      assertThat(withCode.exitCode()).as(withCode.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(withCode.stderr()).contains("; unlocking with the access code given");
      assertThat(withCode.out()).contains("alice@example.org");
      // The new session is kept: the next command needs no access code.
      assertThat(alice.sessionToken()).isNotEqualTo(endedToken);
      assertThat(later.exitCode()).as(later.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(alice.everythingPrinted())
          .doesNotContain(endedToken)
          .doesNotContain(alice.sessionToken())
          .doesNotContain(ADMIN_CODE);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void changedServerCertificateIsRefusedAndAGivenCertificateIsTrustedWithoutPinning(String product)
      throws Exception {
    try (CliTestServer server = CliTestServer.start(product, "alice@example.org")) {
      Person alice = new Person(Files.createDirectory(folder.resolve("alice")), server.url());
      assertThat(
              alice
                  .withAccessCode(ADMIN_CODE, "passkey", "activate", "--code", server.adminCode())
                  .exitCode())
          .isZero();
      Path knownServers = alice.home().resolve("known-servers");
      String pinned = Files.readString(knownServers);
      Files.writeString(
          knownServers, pinned.replaceAll("(localhost:\\d+) [0-9a-f]+", "$1 " + "ab".repeat(32)));

      CliRun.Result refused = alice.withAccessCode(ADMIN_CODE, "unlock");
      assertThat(refused.exitCode()).isEqualTo(ExitCodes.SERVER_UNREACHABLE);
      assertThat(refused.stderr())
          .startsWith("keymail: the certificate of localhost:")
          .contains("has changed (SHA-256 now ")
          .contains("keymail refuses to connect");

      Path certificate = server.certificatePem(folder.resolve("server.pem"));
      CliRun.Result trusted =
          alice.withAccessCode(ADMIN_CODE, "unlock", "--trust-server-cert", certificate.toString());
      assertThat(trusted.exitCode()).as(trusted.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(trusted.stderr()).doesNotContain("first connection");
    }
  }

  @Test
  void serverThatIsNotRunningIsNamedWithItsAddress() throws Exception {
    Person nobody =
        new Person(Files.createDirectory(folder.resolve("nobody")), "https://localhost:1");
    new SessionFile(
            URI.create("https://localhost:1/"),
            "x".repeat(43),
            UUID.randomUUID(),
            Instant.now(),
            Instant.now())
        .save(nobody.home().resolve("session"));
    CliRun.Result result = nobody.run("passkey", "list");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.SERVER_UNREACHABLE);
    assertThat(result.stderr())
        .isEqualTo(
            "keymail: cannot reach the keymail server at https://localhost:1/ (is 'keymail server' running there?)\n");
  }
}
