package org.keymail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.cli.CliRun.keymail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure a user causes ends as one line on standard error and exit status 2. */
class ErrorReportTest {

  @TempDir static Path dir;
  static PkiFiles org;

  @BeforeAll
  static void organisation() {
    org = PkiFiles.in(dir);
  }

  @Test
  void garbageInputIsOneLineWithoutStackTrace() {
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);

    CliRun.Result verify =
        keymail().stdin(garbage).run("smime", "verify", "--trust", org.caFile.toString(), "-");

    assertOneLineError(verify);
  }

  @Test
  void damagedSignatureIsOneLineWithoutStackTrace() throws Exception {
    CliRun.Result sign =
        keymail()
            .run(
                "smime",
                "sign",
                "--opaque",
                "--cert",
                org.aliceCert.toString(),
                "--key",
                org.aliceKey.toString(),
                org.message.toString());
    String text = sign.out();
    int body = text.indexOf("\r\n\r\n") + 4;
    // Keep the headers, cut the base64 CMS structure in half.
    String damaged =
        text.substring(0, body) + text.substring(body, body + (text.length() - body) / 2);

    CliRun.Result verify =
        keymail()
            .stdin(damaged.getBytes(StandardCharsets.ISO_8859_1))
            .run("smime", "verify", "--trust", org.caFile.toString());

    assertOneLineError(verify);
  }

  @Test
  void missingInputFileIsNamed() {
    CliRun.Result verify = keymail().run("smime", "verify", dir.resolve("nowhere.eml").toString());

    assertThat(verify.exitCode()).isEqualTo(2);
    assertThat(verify.stderr())
        .isEqualTo("keymail: cannot read " + dir.resolve("nowhere.eml") + ": no such file\n");
  }

  @Test
  void trustFileThatIsNoCertificateIsNamed() {
    CliRun.Result verify =
        keymail().run("smime", "verify", "--trust", org.message.toString(), org.message.toString());

    assertThat(verify.exitCode()).isEqualTo(2);
    assertThat(verify.stderr())
        .isEqualTo("keymail: cannot read " + org.message + ": not a PEM certificate\n");
  }

  @Test
  void unknownOptionIsAUsageErrorOnOneLine() {
    CliRun.Result result = keymail().run("smime", "sign", "--bogus");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .isEqualTo("keymail: Unknown option: '--bogus' (see 'keymail smime sign --help')\n");
  }

  @Test
  void unknownAlgorithmNamesTheAcceptedOnes() {
    CliRun.Result result =
        keymail()
            .run(
                "smime",
                "sign",
                "--algorithm",
                "md5-rsa",
                "--cert",
                org.aliceCert.toString(),
                "--key",
                org.aliceKey.toString(),
                org.message.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .startsWith("keymail: unknown signature algorithm 'md5-rsa' (use one of: sha256-rsa");
  }

  @Test
  void debugShowsTheStackTrace() {
    CliRun.Result verify =
        keymail()
            .stdin("not a message".getBytes(StandardCharsets.US_ASCII))
            .run("--debug", "smime", "verify");

    assertThat(verify.exitCode()).isEqualTo(2);
    assertThat(verify.stderr()).startsWith("keymail: ").contains("\tat org.keymail.");
  }

  @Test
  void failedDecryptionLeavesNoOutputFile() throws Exception {
    Path out = dir.resolve("never.eml");
    CliRun.Result encrypted =
        keymail()
            .run(
                "smime",
                "encrypt",
                "--to-cert",
                org.bobCert.toString(),
                "--cert",
                org.bobCert.toString(),
                org.message.toString());

    CliRun.Result decrypt =
        keymail()
            .stdin(encrypted.stdout())
            .run(
                "smime",
                "decrypt",
                "--cert",
                org.aliceCert.toString(),
                "--key",
                org.aliceKey.toString(),
                "--out",
                out.toString());

    assertThat(decrypt.exitCode()).isEqualTo(2);
    assertThat(out).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.map(Path::getFileName).map(Path::toString))
          .noneMatch(n -> n.endsWith(".partial"));
    }
  }

  @Test
  void versionNamesTheCryptoProviders() {
    CliRun.Result version = keymail().run("--version");

    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("keymail ").contains("crypto: ");
  }

  private static void assertOneLineError(CliRun.Result result) {
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .startsWith("keymail: ")
        .hasLineCount(1)
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
    assertThat(result.stderr().chars()).noneMatch(c -> c < 0x20 && c != '\n');
  }
}
