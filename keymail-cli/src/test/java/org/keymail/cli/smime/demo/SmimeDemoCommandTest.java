package org.keymail.cli.smime.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.cli.CliRun.keymail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;
import org.keymail.cli.KeymailChild;
import org.keymail.testing.ProcessResult;

/** {@code keymail smime demo}: the S/MIME round trip on files, without a server. */
class SmimeDemoCommandTest {

  @TempDir Path dir;

  @Test
  void demoRoundTripEndsValidTrusted() {
    CliRun.Result demo = keymail().run("smime", "demo", "--dir", dir.toString());

    assertThat(demo.exitCode()).as(demo.stderr()).isZero();
    assertThat(demo.out())
        .contains("4. bob verifies: VALID_TRUSTED: ")
        .contains("aes-256-cbc")
        .contains("./keymail smime verify --trust " + dir.resolve("ca.pem"))
        .contains("openssl cms -verify -CAfile " + dir.resolve("ca.pem"));
    assertThat(dir.resolve("message.decrypted.eml")).exists();
  }

  @Test
  void withoutDirTheDemoWritesToItsOwnFolderNeverIntoTheServersData() {
    ProcessResult demo =
        KeymailChild.in(dir, "smime", "demo").timeLimit(Duration.ofMinutes(3)).run();

    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.outLines().getFirst()).isEqualTo("keymail smime demo in keymail-smime-demo");
    assertThat(dir.resolve("keymail-smime-demo/message.decrypted.eml")).exists();
    assertThat(dir.resolve("data")).as("the server's data folder").doesNotExist();
  }

  @Test
  void privateKeysAreReadableByTheOwnerOnly() throws Exception {
    keymail().run("smime", "demo", "--dir", dir.toString());

    for (String key :
        new String[] {"ca-key.pem", "issuing-ca-key.pem", "alice-key.pem", "bob-key.pem"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key))))
          .as(key)
          .isEqualTo("rw-------");
    }
  }

  @Test
  void secondRunReusesTheOrganisation() throws Exception {
    keymail().run("smime", "demo", "--dir", dir.toString());
    String firstCa = Files.readString(dir.resolve("ca.pem"));
    String firstIssuingCa = Files.readString(dir.resolve("issuing-ca.pem"));
    String firstAlice = Files.readString(dir.resolve("alice.pem"));

    CliRun.Result again = keymail().run("smime", "demo", "--dir", dir.toString());

    assertThat(again.exitCode()).isZero();
    assertThat(again.out())
        .contains("  organisation CA   " + dir.resolve("ca.pem") + ", ")
        .contains(dir.resolve("issuing-ca.pem") + " (reused)");
    assertThat(Files.readString(dir.resolve("ca.pem"))).isEqualTo(firstCa);
    assertThat(Files.readString(dir.resolve("issuing-ca.pem"))).isEqualTo(firstIssuingCa);
    assertThat(Files.readString(dir.resolve("alice.pem"))).isEqualTo(firstAlice);
  }

  @Test
  void theFirstRunFoundsTheOrganisationsCaAsAKeymailServerWould() throws Exception {
    CliRun.Result demo = keymail().run("smime", "demo", "--dir", dir.toString());

    assertThat(demo.out())
        .contains(
            "  organisation CA   "
                + dir.resolve("ca.pem")
                + ", "
                + dir.resolve("issuing-ca.pem")
                + " (created: root ec-p384, issuing CA ec-p256)")
        .contains("(created, rsa-2048)")
        .contains("(created, ec-p256)");
    // A person's file carries the issuing CA after their own certificate: the chain to ca.pem.
    assertThat(Files.readString(dir.resolve("alice.pem")))
        .contains(Files.readString(dir.resolve("issuing-ca.pem")).strip());
  }

  @Test
  void printedVerifyCommandWorksOnTheDemoFiles() {
    keymail().run("smime", "demo", "--dir", dir.toString());

    CliRun.Result verify =
        keymail()
            .run(
                "smime",
                "verify",
                "--trust",
                dir.resolve("ca.pem").toString(),
                dir.resolve("message.signed.eml").toString());
    CliRun.Result decrypt =
        keymail()
            .run(
                "smime",
                "decrypt",
                "--cert",
                dir.resolve("alice.pem").toString(),
                "--key",
                dir.resolve("alice-key.pem").toString(),
                dir.resolve("message.encrypted.eml").toString());

    assertThat(verify.exitCode()).isZero();
    assertThat(verify.out()).startsWith("VALID_TRUSTED: ");
    assertThat(decrypt.exitCode()).isZero();
    assertThat(decrypt.out()).contains("Subject: Thursday's agenda");
  }
}
