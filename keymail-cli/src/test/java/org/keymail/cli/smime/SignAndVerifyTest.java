package org.keymail.cli.smime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.cli.CliRun.keymail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;
import org.keymail.cli.PkiFiles;
import org.keymail.smime.testing.PemFiles;

class SignAndVerifyTest {

  @TempDir static Path dir;
  static PkiFiles org;
  static Path signed;

  @BeforeAll
  static void signOnce() throws Exception {
    org = PkiFiles.in(dir);
    signed = dir.resolve("signed.eml");
    signAsAlice(org.message, signed);
  }

  @Test
  void signedMessageVerifiesAsValidTrustedOnOneLine() {
    CliRun.Result verify = verify(signed, "--trust", org.caFile.toString());

    assertThat(verify.exitCode()).isZero();
    assertThat(verify.out().lines()).hasSize(1);
    assertThat(verify.out())
        .startsWith("VALID_TRUSTED: ")
        .contains("; signed by alice@example.org (")
        .contains("; From: alice@example.org");
    assertThat(verify.stderr()).isEmpty();
  }

  @Test
  void signedMessageKeepsTheMessageReadableWithoutSmime() throws Exception {
    String text = Files.readString(signed, StandardCharsets.ISO_8859_1);

    assertThat(text).contains("Content-Type: multipart/signed").contains("From: alice@example.org");
  }

  @Test
  void signerFromAnotherAuthorityIsValidButUntrusted() {
    Path otherCa = PemFiles.write(dir.resolve("other-ca.pem"), org.bob.certificate());

    CliRun.Result verify = verify(signed, "--trust", otherCa.toString());

    assertThat(verify.exitCode()).isEqualTo(3);
    assertThat(verify.out()).startsWith("VALID_UNTRUSTED: ");
  }

  @Test
  void tamperedMessageIsInvalid() throws Exception {
    String text = Files.readString(signed, StandardCharsets.ISO_8859_1);
    Path tampered = dir.resolve("tampered.eml");
    Files.writeString(
        tampered,
        text.replaceFirst("Content-Disposition", "Content-disposition"),
        StandardCharsets.ISO_8859_1);

    CliRun.Result verify = verify(tampered, "--trust", org.caFile.toString());

    assertThat(verify.exitCode()).isEqualTo(4);
    assertThat(verify.out()).startsWith("INVALID: ").contains("changed");
  }

  @Test
  void verifyReadsStandardInputForDash() throws Exception {
    CliRun.Result verify =
        keymail()
            .stdin(Files.readAllBytes(signed))
            .run("smime", "verify", "--trust", org.caFile.toString(), "-");

    assertThat(verify.exitCode()).isZero();
    assertThat(verify.out()).startsWith("VALID_TRUSTED: ");
  }

  @Test
  void verifyReadsStandardInputWhenNoFileIsNamed() throws Exception {
    CliRun.Result verify =
        keymail()
            .stdin(Files.readAllBytes(signed))
            .run("smime", "verify", "--trust", org.caFile.toString());

    assertThat(verify.exitCode()).isZero();
  }

  @Test
  void signReadsStandardInputAndWritesStandardOutput() throws Exception {
    CliRun.Result sign =
        keymail()
            .stdin(Files.readAllBytes(org.message))
            .run(
                "smime",
                "sign",
                "--cert",
                org.aliceCert.toString(),
                "--key",
                org.aliceKey.toString(),
                "-");

    CliRun.Result verify =
        keymail().stdin(sign.stdout()).run("smime", "verify", "--trust", org.caFile.toString());
    assertThat(sign.exitCode()).isZero();
    assertThat(verify.out()).startsWith("VALID_TRUSTED: ");
  }

  @Test
  void verifyingAfterTheCertificateExpiredIsNotTrusted() {
    Instant afterExpiry =
        org.alice.certificate().getNotAfter().toInstant().plus(Duration.ofDays(1));

    CliRun.Result verify =
        verify(signed, "--trust", org.caFile.toString(), "--at", afterExpiry.toString());

    assertThat(verify.exitCode()).isNotZero();
    assertThat(verify.out()).doesNotStartWith("VALID_TRUSTED").contains("expired");
  }

  @Test
  void signerRevokedByCrlIsInvalid() {
    Instant now = Instant.now();
    Path crl =
        PemFiles.writeCrl(
            dir.resolve("issuing.crl"),
            org.pki.crl(
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(7)),
                org.alice.certificate()));

    CliRun.Result verify =
        verify(signed, "--trust", org.caFile.toString(), "--crl", crl.toString());

    assertThat(verify.exitCode()).isEqualTo(4);
    assertThat(verify.out()).startsWith("INVALID: ").contains("revoked");
  }

  @Test
  void crlNotListingTheSignerKeepsItTrusted() {
    Instant now = Instant.now();
    Path crl =
        PemFiles.writeCrl(
            dir.resolve("empty.crl"),
            org.pki.crl(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7))));

    CliRun.Result verify =
        verify(signed, "--trust", org.caFile.toString(), "--crl", crl.toString());

    assertThat(verify.exitCode()).isZero();
  }

  @Test
  void unknownRevocationIsANoteByDefault() {
    // The test CA's certificates name no OCSP responder and no CRL distribution point: asking the
    // issuers finds nothing, as when a CA publishes no reachable CRL or OCSP.
    CliRun.Result verify = verify(signed, "--trust", org.caFile.toString());

    assertThat(verify.exitCode()).isZero();
    assertThat(verify.out())
        .startsWith("VALID_TRUSTED: ")
        .contains(
            "; note: revocation could not be checked: the certificate names no OCSP responder");
  }

  @Test
  void requireRevocationRefusesToVouchWhenNoIssuerAnswers() {
    CliRun.Result verify = verify(signed, "--trust", org.caFile.toString(), "--require-revocation");

    assertThat(verify.exitCode()).isEqualTo(3);
    assertThat(verify.out().lines()).hasSize(1);
    assertThat(verify.out())
        .startsWith(
            "VALID_UNTRUSTED: the signature is valid, but whether the signer's certificate was"
                + " revoked could not be established, and your trust settings require it"
                + " (revocation could not be checked: the certificate names no OCSP responder;"
                + " the certificate names no CRL distribution point)")
        .doesNotContain("note: revocation");
  }

  @Test
  void requireRevocationNamesTheAuthorityWhoseStatusIsUnknown() {
    Instant now = Instant.now();
    Path crl =
        PemFiles.writeCrl(
            dir.resolve("issuing-only.crl"),
            org.pki.crl(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7))));

    CliRun.Result verify =
        verify(
            signed,
            "--trust",
            org.caFile.toString(),
            "--crl",
            crl.toString(),
            "--no-check-revocation",
            "--require-revocation");

    assertThat(verify.exitCode()).isEqualTo(3);
    assertThat(verify.out())
        .startsWith(
            "VALID_UNTRUSTED: the signature is valid, but whether the certificate of the authority ")
        .contains(
            "was revoked could not be established, and your trust settings require it (revocation"
                + " could not be checked: no CRL of O=keymail tests, CN=keymail Test Root");
  }

  @Test
  void requireRevocationTrustsASignerWhoseWholeChainIsKnownGood() {
    Instant now = Instant.now();
    Path issuingCrl =
        PemFiles.writeCrl(
            dir.resolve("issuing-current.crl"),
            org.pki.crl(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7))));
    Path rootCrl =
        PemFiles.writeCrl(
            dir.resolve("root-current.crl"),
            org.pki.rootCrl(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7))));

    CliRun.Result verify =
        verify(
            signed,
            "--trust",
            org.caFile.toString(),
            "--crl",
            issuingCrl.toString(),
            "--crl",
            rootCrl.toString(),
            "--no-check-revocation",
            "--require-revocation");

    assertThat(verify.exitCode()).as(verify.out()).isZero();
    assertThat(verify.out()).startsWith("VALID_TRUSTED: ").doesNotContain("note:");
  }

  @Test
  void requireRevocationIsExplainedInTheHelp() {
    CliRun.Result help = keymail().run("smime", "verify", "--help");

    // picocli wraps the text to the terminal's width.
    assertThat(help.out().replaceAll("\\s+", " "))
        .contains("--require-revocation")
        .contains("Vouch for a signer only when every certificate of its chain is known not to")
        .contains("with --require-revocation it keeps the signer from being trusted");
  }

  @Test
  void verifyWritesTheSignedContentOnRequest() throws Exception {
    Path content = dir.resolve("content.eml");

    CliRun.Result verify =
        verify(signed, "--trust", org.caFile.toString(), "--out", content.toString());

    assertThat(verify.exitCode()).isZero();
    assertThat(Files.readString(content, StandardCharsets.ISO_8859_1))
        .contains("From: alice@example.org")
        .contains("figures.txt")
        .doesNotContain("multipart/signed");
  }

  @Test
  void aLargeMessageVerifiesFromItsFileAsFromStandardInput() throws Exception {
    StringBuilder text =
        new StringBuilder(
            "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: figures\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n");
    for (int i = 0; text.length() < 3 << 20; i++) {
      text.append("Quarterly figures, line ").append(i).append("\r\n");
    }
    Path large = dir.resolve("large.eml");
    Files.writeString(large, text, StandardCharsets.US_ASCII);
    Path largeSigned = dir.resolve("large-signed.eml");
    signAsAlice(large, largeSigned);
    Path fromFile = dir.resolve("large-from-file.eml");
    Path fromStdin = dir.resolve("large-from-stdin.eml");

    // the file's signed part is read from it again; standard input's is spooled
    CliRun.Result byFile =
        verify(largeSigned, "--trust", org.caFile.toString(), "--out", fromFile.toString());
    CliRun.Result byStdin =
        keymail()
            .stdin(Files.readAllBytes(largeSigned))
            .run(
                "smime",
                "verify",
                "--trust",
                org.caFile.toString(),
                "--out",
                fromStdin.toString(),
                "-");

    assertThat(byFile.exitCode()).as(byFile.stderr()).isZero();
    assertThat(byFile.out()).startsWith("VALID_TRUSTED: ");
    assertThat(byStdin.out()).isEqualTo(byFile.out());
    assertThat(Files.mismatch(fromFile, fromStdin)).isEqualTo(-1L);
    assertThat(Files.readString(fromFile, StandardCharsets.US_ASCII))
        .startsWith("From: alice@example.org")
        .endsWith(text.substring(text.lastIndexOf("Quarterly")));
  }

  @Test
  void opaqueSignatureWithPssVerifies() throws Exception {
    CliRun.Result sign =
        keymail()
            .run(
                "smime",
                "sign",
                "--opaque",
                "--algorithm",
                "sha256-rsa-pss",
                "--cert",
                org.aliceCert.toString(),
                "--key",
                org.aliceKey.toString(),
                org.message.toString());

    CliRun.Result verify =
        keymail().stdin(sign.stdout()).run("smime", "verify", "--trust", org.caFile.toString());
    assertThat(sign.out()).contains("application/pkcs7-mime");
    assertThat(verify.exitCode()).as(verify.stderr()).isZero();
  }

  @Test
  void signatureWithoutCertificatesCannotBeCheckedWithoutThem() {
    CliRun.Result sign =
        keymail()
            .run(
                "smime",
                "sign",
                "--no-certs",
                "--cert",
                org.aliceCert.toString(),
                "--key",
                org.aliceKey.toString(),
                org.message.toString());

    CliRun.Result verify =
        keymail().stdin(sign.stdout()).run("smime", "verify", "--trust", org.caFile.toString());
    assertThat(sign.exitCode()).isZero();
    assertThat(verify.exitCode()).isNotZero();
    assertThat(verify.out()).doesNotStartWith("VALID_TRUSTED");
  }

  @Test
  void ecSignerVerifiesWithItsDefaultAlgorithm() {
    CliRun.Result sign =
        keymail()
            .run(
                "smime",
                "sign",
                "--cert",
                org.bobCert.toString(),
                "--key",
                org.bobKey.toString(),
                org.message.toString());

    CliRun.Result verify =
        keymail().stdin(sign.stdout()).run("smime", "verify", "--trust", org.caFile.toString());
    // The message says it is from alice: bob's signature is correct but not hers.
    assertThat(sign.out()).contains("micalg=sha-256");
    assertThat(verify.out())
        .contains("signed by bob@example.org")
        .contains("From: alice@example.org");
    assertThat(verify.exitCode()).isEqualTo(3);
  }

  @Test
  void unsignedMessageIsReportedAsNotSigned() {
    CliRun.Result verify = verify(org.message, "--trust", org.caFile.toString());

    assertThat(verify.exitCode()).isEqualTo(2);
    assertThat(verify.out()).isEmpty();
    assertThat(verify.stderr())
        .isEqualTo("keymail: not signed: " + org.message + " carries no S/MIME signature\n");
  }

  /** {@code keymail smime sign} of {@code message} into {@code signed} with Alice's key files. */
  private static void signAsAlice(Path message, Path signed) {
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
                message.toString());
    assertThat(sign.exitCode()).as(sign.stderr()).isZero();
  }

  private static CliRun.Result verify(Path message, String... options) {
    String[] args = new String[options.length + 3];
    args[0] = "smime";
    args[1] = "verify";
    System.arraycopy(options, 0, args, 2, options.length);
    args[args.length - 1] = message.toString();
    return keymail().run(args);
  }
}
