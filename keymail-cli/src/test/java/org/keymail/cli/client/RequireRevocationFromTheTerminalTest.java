package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;
import org.keymail.cli.ExitCodes;

/**
 * {@code keymail smime verify --require-revocation} (hard fail) of a coworker's signature, against
 * a real server: every certificate of the path must have an established status (RFC 5280 §6.1.3).
 * The signer's comes from keymail's OCSP responder, the issuing CA's from the root's CRL that the
 * issuing CA certificate names ({@code /pki/root.crl}), so the verdict is VALID_TRUSTED with no
 * note; once the signer's certificate is revoked it is INVALID.
 */
class RequireRevocationFromTheTerminalTest {

  private static final Pattern INVITED =
      Pattern.compile("one-time activation code: ([0-9A-Z-]{24})");
  private static final String ALICE_CODE = "Alice-Access-1";
  private static final String BOB_CODE = "Bob-Access-22";

  @TempDir Path folder;

  @Test
  void aCoworkersSignatureIsTrustedWhenRevocationIsRequired() throws Exception {
    try (CliTestServer server = CliTestServer.start("H2", "alice@example.org")) {
      Person alice = new Person(Files.createDirectory(folder.resolve("alice")), server.url());
      Person bob = new Person(Files.createDirectory(folder.resolve("bob")), server.url());
      assertOk(
          alice.withAccessCode(ALICE_CODE, "passkey", "activate", "--code", server.adminCode()));
      Matcher bobsCode =
          INVITED.matcher(
              assertOk(
                      alice.withAccessCode(
                          ALICE_CODE, "admin", "user", "invite", "bob@example.org"))
                  .out());
      assertThat(bobsCode.find()).isTrue();
      assertOk(bob.withAccessCode(BOB_CODE, "passkey", "activate", "--code", bobsCode.group(1)));
      assertOk(alice.withAccessCode(ALICE_CODE, "cert", "request", "--template", "secure-email"));
      Path message =
          Files.writeString(
              folder.resolve("message.eml"),
              "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: Hard fail\r\n\r\nChecked all the way up.\r\n");
      Path signed = folder.resolve("signed.eml");
      Files.write(
          signed,
          assertOk(alice.withAccessCode(ALICE_CODE, "smime", "sign", message.toString())).stdout());

      CliRun.Result required =
          bob.run("smime", "verify", "--require-revocation", signed.toString());
      assertThat(required.exitCode())
          .as(required.out() + required.stderr())
          .isEqualTo(ExitCodes.OK);
      assertThat(required.out())
          .startsWith(
              "VALID_TRUSTED: the signature is valid and the signer is trusted; signed by alice@example.org")
          .doesNotContain("note:")
          .doesNotContain("O=keymail, CN=keymail Issuing CA");

      Matcher serial =
          Pattern.compile("  serial     ([0-9a-f]+)\n")
              .matcher(assertOk(alice.withAccessCode(ALICE_CODE, "cert", "list")).out());
      assertThat(serial.find()).isTrue();
      assertOk(
          alice.withAccessCode(
              ALICE_CODE, "cert", "revoke", serial.group(1), "--reason", "key-compromise"));
      CliRun.Result revoked = bob.run("smime", "verify", "--require-revocation", signed.toString());
      assertThat(revoked.exitCode()).isEqualTo(ExitCodes.INVALID);
      assertThat(revoked.out())
          .startsWith("INVALID: the signer's certificate was revoked on ")
          .contains("(key-compromise)");
    }
  }

  private static CliRun.Result assertOk(CliRun.Result result) {
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return result;
  }
}
