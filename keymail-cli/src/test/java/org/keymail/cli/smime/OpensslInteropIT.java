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
import org.keymail.smime.testing.PemFiles;
import org.keymail.testing.Openssl;
import org.keymail.testing.ProcessResult;

/**
 * The files the CLI writes are read by {@code openssl cms}, and the CLI reads what {@code openssl
 * cms} writes: the commands of docs/cli.md work against the reference peer.
 */
class OpensslInteropIT {

  @TempDir static Path dir;
  static PkiFiles org;
  static Path issuing;

  @BeforeAll
  static void organisation() {
    org = PkiFiles.in(dir);
    issuing = PemFiles.write(dir.resolve("issuing.pem"), org.pki.issuing());
  }

  @Test
  void opensslVerifiesWhatKeymailSigns() throws Exception {
    Path signed = dir.resolve("signed-by-keymail.eml");
    CliRun.Result sign =
        keymail()
            .run(
                "smime",
                "sign",
                "--cert",
                org.aliceCert.toString(),
                "--key",
                org.aliceKey.toString(),
                "--out",
                signed.toString(),
                org.message.toString());

    ProcessResult openssl =
        openssl(
            "cms",
            "-verify",
            "-CAfile",
            org.caFile.toString(),
            "-purpose",
            "smimesign",
            "-in",
            signed.toString(),
            "-out",
            dir.resolve("content.txt").toString());

    assertThat(sign.exitCode()).as(sign.stderr()).isZero();
    assertThat(openssl.exitCode()).as(openssl.output()).isZero();
    assertThat(openssl.output()).contains("Verification successful");
  }

  @Test
  void opensslDecryptsWhatKeymailEncrypts() throws Exception {
    Path encrypted = dir.resolve("encrypted-by-keymail.eml");
    keymail()
        .run(
            "smime",
            "encrypt",
            "--to-cert",
            org.bobCert.toString(),
            "--cert",
            org.aliceCert.toString(),
            "--out",
            encrypted.toString(),
            org.message.toString());
    Path plain = dir.resolve("decrypted-by-openssl.txt");

    ProcessResult openssl =
        openssl(
            "cms",
            "-decrypt",
            "-recip",
            org.bobCert.toString(),
            "-inkey",
            org.bobKey.toString(),
            "-in",
            encrypted.toString(),
            "-out",
            plain.toString());

    assertThat(openssl.exitCode()).as(openssl.output()).isZero();
    assertThat(Files.readString(plain, StandardCharsets.ISO_8859_1)).contains("figures.txt");
  }

  @Test
  void keymailVerifiesWhatOpensslSigns() throws Exception {
    Path text = Files.writeString(dir.resolve("note.txt"), "Signed by openssl.\r\n");
    Path signed = dir.resolve("signed-by-openssl.eml");
    ProcessResult openssl =
        openssl(
            "cms",
            "-sign",
            "-text",
            "-signer",
            org.aliceCert.toString(),
            "-inkey",
            org.aliceKey.toString(),
            "-certfile",
            issuing.toString(),
            "-from",
            "alice@example.org",
            "-to",
            "bob@example.org",
            "-subject",
            "interop",
            "-in",
            text.toString(),
            "-out",
            signed.toString());

    CliRun.Result verify =
        keymail().run("smime", "verify", "--trust", org.caFile.toString(), signed.toString());

    assertThat(openssl.exitCode()).as(openssl.output()).isZero();
    assertThat(verify.out()).startsWith("VALID_TRUSTED: ");
    assertThat(verify.exitCode()).isZero();
  }

  @Test
  void keymailDecryptsWhatOpensslEncryptsToAnEcKey() throws Exception {
    Path text = Files.writeString(dir.resolve("secret.txt"), "For bob only.\r\n");
    Path encrypted = dir.resolve("encrypted-by-openssl.eml");
    ProcessResult openssl =
        openssl(
            "cms",
            "-encrypt",
            "-text",
            "-aes-256-cbc",
            "-from",
            "alice@example.org",
            "-to",
            "bob@example.org",
            "-in",
            text.toString(),
            "-out",
            encrypted.toString(),
            org.bobCert.toString());

    CliRun.Result decrypt =
        keymail()
            .run(
                "smime",
                "decrypt",
                "--cert",
                org.bobCert.toString(),
                "--key",
                org.bobKey.toString(),
                encrypted.toString());

    assertThat(openssl.exitCode()).as(openssl.output()).isZero();
    assertThat(decrypt.exitCode()).as(decrypt.stderr()).isZero();
    assertThat(decrypt.out()).contains("For bob only.");
  }

  private static ProcessResult openssl(String... args) {
    return new Openssl(dir).run(args);
  }
}
