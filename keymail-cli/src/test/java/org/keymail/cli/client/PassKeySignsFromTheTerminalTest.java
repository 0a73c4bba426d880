package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.cli.CliRun;
import org.keymail.cli.ExitCodes;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;
import org.keymail.testing.ExternalProgram;
import org.keymail.testing.ProcessResult;

/**
 * What a newcomer does from the README, end to end against a real server: invite, activate, request
 * a certificate from the organisation's CA, then {@code smime sign} with the key in the vault (no
 * key file anywhere), {@code smime encrypt --to} a coworker found in the directory, the coworker's
 * {@code smime decrypt} with their vault key, and {@code smime verify} VALID_TRUSTED — trusting the
 * organisation's root without being told, every certificate of the path checked for revocation
 * (also with {@code --require-revocation}), and with {@code openssl cms -verify -CAfile root.pem}
 * agreeing. A lapsed session asks for the access code and carries on; revoked means revoked in the
 * listing, the directory and the verdict; a .p12 for someone else's address stays out of the vault.
 */
class PassKeySignsFromTheTerminalTest {

  private static final Pattern INVITED =
      Pattern.compile("one-time activation code: ([0-9A-Z-]{24})");
  private static final String ALICE_CODE = "Alice-Access-1";
  private static final String BOB_CODE = "Bob-Access-22";

  @TempDir Path folder;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void signEncryptDecryptAndVerifyWithThePassKey(String product) throws Exception {
    try (CliTestServer server = CliTestServer.start(product, "alice@example.org")) {
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
      // No 'keymail unlock' anywhere: each command asks for the access code when it needs it.
      assertOk(alice.withAccessCode(ALICE_CODE, "cert", "request", "--template", "secure-email"));
      assertOk(bob.withAccessCode(BOB_CODE, "cert", "request", "--template", "secure-email"));

      CliRun.Result list = assertOk(alice.run("cert", "list"));
      assertThat(list.out())
          .startsWith("valid, used for signing and encryption; key made in the vault\n")
          .contains("  subject    O=keymail, CN=alice@example.org, E=alice@example.org\n")
          .contains("  template   Secure Email\n")
          .contains("  purposes   signing, encryption\n")
          .containsPattern("  key id     [0-9a-f-]{36}\n");
      // One certificate: hers. The CA certificates of its chain are not listed as hers.
      assertThat(list.out().split("  subject    ", -1)).hasSize(2);

      Path message =
          Files.writeString(
              folder.resolve("message.eml"),
              "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: The plans\r\n\r\nSee you at nine.\r\n");
      Path signed = folder.resolve("signed.eml");
      Files.write(signed, assertOk(alice.run("smime", "sign", message.toString())).stdout());
      Path encrypted = folder.resolve("encrypted.eml");
      Files.write(
          encrypted,
          assertOk(alice.run("smime", "encrypt", "--to", "bob@example.org", signed.toString()))
              .stdout());
      Path root = Files.write(folder.resolve("root.pem"), assertOk(bob.run("ca", "root")).stdout());
      CliRun.Result chain = assertOk(bob.run("ca", "chain"));
      assertThat(chain.out().split("-----BEGIN CERTIFICATE-----", -1)).hasSize(3);
      assertThat(chain.stderr()).contains("keymail: issuing CA ").contains("keymail: root CA ");

      CliRun.Result decrypted = assertOk(bob.run("smime", "decrypt", encrypted.toString()));
      assertThat(new String(decrypted.stdout(), StandardCharsets.UTF_8))
          .contains("See you at nine.");
      assertThat(decrypted.stderr())
          .startsWith(
              "VALID_TRUSTED: the signature is valid and the signer is trusted; signed by alice@example.org");
      CliRun.Result verified = bob.run("smime", "verify", encrypted.toString());
      assertThat(verified.exitCode()).as(verified.stderr()).isEqualTo(ExitCodes.OK);
      // Every certificate of the path is checked (RFC 5280 §6.1.3): the signer's status comes from
      // keymail's OCSP responder, the issuing CA's from the root's CRL its certificate names.
      assertThat(verified.out())
          .startsWith("VALID_TRUSTED: ")
          .contains("From: alice@example.org")
          .doesNotContain("note:")
          .doesNotContain("revocation");
      // Hard fail, as a careful recipient asks: every status is established, so still trusted.
      CliRun.Result required =
          bob.run("smime", "verify", "--require-revocation", signed.toString());
      assertThat(required.exitCode()).as(required.stderr()).isEqualTo(ExitCodes.OK);
      assertThat(required.out())
          .startsWith(
              "VALID_TRUSTED: the signature is valid and the signer is trusted; signed by alice@example.org")
          .doesNotContain("note:");
      assertThat(
              openssl(
                  "cms",
                  "-verify",
                  "-CAfile",
                  root.toString(),
                  "-in",
                  signed.toString(),
                  "-out",
                  "/dev/null"))
          .contains("Verification successful");

      // Offline: the verdict says that revocation was not checked.
      assertThat(
              assertOk(bob.run("smime", "verify", "--no-check-revocation", signed.toString()))
                  .out())
          .endsWith("; note: revocation was not checked\n");

      // A session that ended on the server asks for the access code again, and the command goes on.
      Path session = alice.home().resolve("session");
      Path kept = Files.copy(session, folder.resolve("ended-session"));
      assertOk(alice.run("lock"));
      Files.copy(kept, session, StandardCopyOption.REPLACE_EXISTING);
      CliRun.Result again = alice.withAccessCode(ALICE_CODE, "smime", "sign", message.toString());
      assertThat(again.exitCode()).as(again.stderr()).isZero();
      assertThat(again.stderr()).contains("; unlocking with the access code given");
      CliRun.Result noCode = alice.run(Map.of(), "lock");
      assertThat(noCode.exitCode()).isZero();
      Files.copy(kept, session, StandardCopyOption.REPLACE_EXISTING);
      CliRun.Result withoutCode = alice.run("smime", "sign", message.toString());
      assertThat(withoutCode.exitCode()).isEqualTo(ExitCodes.NOT_UNLOCKED);
      // The server's sentence, then once what to do.
      assertThat(withoutCode.stderr())
          .endsWith(
              "keymail: Present your PassKey to unlock your keys (run 'keymail unlock', or give"
                  + " it with KEYMAIL_ACCESS_CODE, --access-code-file, --access-code-fd)\n");

      // Revoked means revoked: in the listing, in the directory, in the verdict.
      String serial = serial(assertOk(alice.withAccessCode(ALICE_CODE, "cert", "list")).out());
      assertOk(
          alice.withAccessCode(ALICE_CODE, "cert", "revoke", serial, "--reason", "key-compromise"));
      assertThat(assertOk(alice.run("cert", "list")).out())
          .startsWith("REVOKED on ")
          .contains("(key-compromise) — not used");
      assertThat(assertOk(alice.run("cert", "status")).out())
          .contains("revoked")
          .contains("key-compromise");
      assertThat(assertOk(bob.withAccessCode(BOB_CODE, "directory", "search", "alice")).out())
          .contains("REVOKED ")
          .contains("(key-compromise)");
      assertThat(
              assertOk(
                      bob.withAccessCode(
                          BOB_CODE, "directory", "search", "alice@example.org", "--pem"))
                  .out())
          .isEmpty();
      CliRun.Result afterRevocation = bob.run("smime", "verify", signed.toString());
      assertThat(afterRevocation.exitCode()).isEqualTo(ExitCodes.INVALID);
      assertThat(afterRevocation.out())
          .startsWith("INVALID: the signer's certificate was revoked on ")
          .contains("(key-compromise)");
      CliRun.Result requiredAfterRevocation =
          bob.run("smime", "verify", "--require-revocation", signed.toString());
      assertThat(requiredAfterRevocation.exitCode()).isEqualTo(ExitCodes.INVALID);
      assertThat(requiredAfterRevocation.out())
          .startsWith("INVALID: the signer's certificate was revoked on ");
      CliRun.Result cannotSign =
          alice.withAccessCode(ALICE_CODE, "smime", "sign", message.toString());
      assertThat(cannotSign.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(cannotSign.stderr()).contains("no valid certificate in the vault to sign with");

      // Someone else's certificate never enters Bob's vault; a certificate of his own does.
      TestPki outside = TestPki.create();
      Identity aliceElsewhere = outside.user("alice@example.org", KeyType.EC_P256);
      Path foreign =
          PemFiles.writeP12(folder.resolve("alice.p12"), aliceElsewhere, "pw".toCharArray());
      CliRun.Result refused =
          bob.run(
              Map.of("KEYMAIL_P12_PASSWORD", "pw", "KEYMAIL_ACCESS_CODE", BOB_CODE),
              "cert",
              "import",
              foreign.toString());
      assertThat(refused.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(refused.stderr())
          .isEqualTo(
              "keymail: the certificate in this file is issued to alice@example.org, not to you"
                  + " (bob@example.org); only certificates for your own address can go into your vault\n");
      Path own =
          PemFiles.writeP12(
              folder.resolve("bob.p12"),
              outside.user("bob@example.org", KeyType.EC_P256),
              "pw".toCharArray());
      assertOk(
          bob.run(
              Map.of("KEYMAIL_P12_PASSWORD", "pw", "KEYMAIL_ACCESS_CODE", BOB_CODE),
              "cert",
              "import",
              own.toString()));

      List<String> secrets =
          new ArrayList<>(List.of(ALICE_CODE, BOB_CODE, alice.sessionToken(), bob.sessionToken()));
      for (Person person : List.of(alice, bob)) {
        assertThat(person.everythingPrinted()).doesNotContain(secrets.toArray(String[]::new));
      }
    }
  }

  private static String serial(String certificateList) {
    Matcher serial = Pattern.compile("  serial     ([0-9a-f]+)\n").matcher(certificateList);
    assertThat(serial.find()).as(certificateList).isTrue();
    return serial.group(1);
  }

  private static CliRun.Result assertOk(CliRun.Result result) {
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return result;
  }

  private static String openssl(String... args) {
    ProcessResult result = ExternalProgram.command("openssl", args).run();
    assertThat(result.exitCode()).as(result.describe()).isZero();
    return result.output();
  }
}
