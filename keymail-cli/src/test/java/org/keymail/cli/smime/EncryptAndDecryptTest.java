package org.keymail.cli.smime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.cli.CliRun.keymail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;
import org.keymail.cli.PkiFiles;
import org.keymail.smime.testing.Messages;

class EncryptAndDecryptTest {

  @TempDir static Path dir;
  static PkiFiles org;

  @BeforeAll
  static void organisation() {
    org = PkiFiles.in(dir);
  }

  @Test
  void recipientDecryptsWhatWasEncryptedToThem() {
    CliRun.Result encrypted = encryptToBob("--cert", org.aliceCert.toString());

    CliRun.Result decrypted =
        keymail()
            .stdin(encrypted.stdout())
            .run(
                "smime",
                "decrypt",
                "--cert",
                org.bobCert.toString(),
                "--key",
                org.bobKey.toString());

    assertThat(encrypted.exitCode()).as(encrypted.stderr()).isZero();
    assertThat(encrypted.out())
        .contains("application/pkcs7-mime")
        .doesNotContain(PkiFiles.ATTACHMENT);
    assertThat(decrypted.exitCode()).as(decrypted.stderr()).isZero();
    assertThat(Messages.attachment(decrypted.stdout(), "figures.txt"))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo(PkiFiles.ATTACHMENT);
  }

  @Test
  void senderReadsTheirOwnCopy() {
    CliRun.Result encrypted = encryptToBob("--cert", org.aliceCert.toString());

    CliRun.Result decrypted =
        keymail()
            .stdin(encrypted.stdout())
            .run(
                "smime",
                "decrypt",
                "--cert",
                org.aliceCert.toString(),
                "--key",
                org.aliceKey.toString());

    assertThat(decrypted.exitCode()).isZero();
    assertThat(decrypted.out()).contains("Subject:");
  }

  @Test
  void withoutOwnCertificateTheSenderIsWarnedAndCannotRead() {
    CliRun.Result encrypted = encryptToBob();

    CliRun.Result aliceTries =
        keymail()
            .stdin(encrypted.stdout())
            .run(
                "smime",
                "decrypt",
                "--cert",
                org.aliceCert.toString(),
                "--key",
                org.aliceKey.toString());

    assertThat(encrypted.exitCode()).isZero();
    assertThat(encrypted.stderr())
        .isEqualTo(
            "note: not encrypted to you (no --cert): you will not be able to read this copy\n");
    assertThat(aliceTries.exitCode()).isEqualTo(2);
    assertThat(aliceTries.stderr()).startsWith("keymail: ").hasLineCount(1);
    assertThat(aliceTries.stdout()).isEmpty();
  }

  @Test
  void verboseSaysWhichCipherAndWhy() {
    CliRun.Result defaultCipher = encryptToBob("--cert", org.aliceCert.toString(), "--verbose");
    CliRun.Result forcedGcm =
        encryptToBob("--cert", org.aliceCert.toString(), "--verbose", "--cipher", "aes-256-gcm");

    assertThat(defaultCipher.stderr()).startsWith("cipher: aes-256-cbc (");
    assertThat(forcedGcm.stderr()).startsWith("cipher: aes-256-gcm (");
    assertThat(forcedGcm.out()).contains("authEnveloped-data");
  }

  @Test
  void unknownCipherIsAUsageError() {
    CliRun.Result encrypted = encryptToBob("--cipher", "des-ede3-cbc");

    assertThat(encrypted.exitCode()).isEqualTo(2);
    assertThat(encrypted.stderr()).contains("keymail: unknown cipher 'des-ede3-cbc'");
  }

  @Test
  void signedThenEncryptedMessageShowsTheVerdictWhenDecrypted() throws Exception {
    CliRun.Result encrypted = signedByAliceThenEncryptedToBob();
    Path out = dir.resolve("decrypted.eml");

    CliRun.Result decrypted =
        keymail()
            .stdin(encrypted.stdout())
            .run(
                "smime",
                "decrypt",
                "--cert",
                org.bobCert.toString(),
                "--key",
                org.bobKey.toString(),
                "--trust",
                org.caFile.toString(),
                "--out",
                out.toString(),
                "-");

    assertThat(decrypted.exitCode()).as(decrypted.stderr()).isZero();
    assertThat(decrypted.stderr())
        .startsWith("VALID_TRUSTED: ")
        .contains("signed by alice@example.org");
    assertThat(Files.readString(out, StandardCharsets.ISO_8859_1)).contains("figures.txt");
  }

  @Test
  void verifyOfAnEncryptedMessageUsesTheGivenKey() {
    CliRun.Result encrypted = signedByAliceThenEncryptedToBob();

    CliRun.Result verify =
        keymail()
            .stdin(encrypted.stdout())
            .run(
                "smime",
                "verify",
                "--trust",
                org.caFile.toString(),
                "--cert",
                org.bobCert.toString(),
                "--key",
                org.bobKey.toString());

    assertThat(verify.exitCode()).isZero();
    assertThat(verify.out()).startsWith("VALID_TRUSTED: ");
  }

  /** The test message signed by Alice, then encrypted to Bob (and Alice), through the CLI. */
  private static CliRun.Result signedByAliceThenEncryptedToBob() {
    CliRun.Result signed =
        keymail()
            .run(
                "smime",
                "sign",
                "--cert",
                org.aliceCert.toString(),
                "--key",
                org.aliceKey.toString(),
                org.message.toString());
    return keymail()
        .stdin(signed.stdout())
        .run(
            "smime",
            "encrypt",
            "--to-cert",
            org.bobCert.toString(),
            "--cert",
            org.aliceCert.toString());
  }

  private static CliRun.Result encryptToBob(String... options) {
    String[] args = new String[options.length + 5];
    args[0] = "smime";
    args[1] = "encrypt";
    args[2] = "--to-cert";
    args[3] = org.bobCert.toString();
    System.arraycopy(options, 0, args, 4, options.length);
    args[args.length - 1] = org.message.toString();
    return keymail().run(args);
  }
}
