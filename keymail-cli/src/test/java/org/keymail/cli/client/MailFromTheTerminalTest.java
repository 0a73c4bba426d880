package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.cli.client.MailingOrganisation.ALICE_CODE;
import static org.keymail.cli.client.MailingOrganisation.BOB_CODE;
import static org.keymail.cli.client.MailingOrganisation.CAROL_CODE;
import static org.keymail.cli.client.MailingOrganisation.assertOk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;
import org.keymail.cli.ExitCodes;

/**
 * {@code keymail mail} as people use it, against a real server and its embedded mail server: Alice
 * sends Bob a signed and encrypted message with an attachment from her terminal; Bob lists it (the
 * outer header only) and reads it, decrypted with his vault key, VALID_TRUSTED and signed by Alice,
 * and saves the attachment byte for byte. An encrypted message to someone without a certificate is
 * not sent, and the error names them. What {@code mail send --sign} makes, {@code openssl cms
 * -verify} accepts. Under the organisation's policies, required signing signs without {@code
 * --sign} and refuses {@code --no-sign}, and a message goes out only in an allowed algorithm.
 */
class MailFromTheTerminalTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  @Test
  void aliceSendsSignedAndEncryptedWithAnAttachmentAndBobReadsIt() throws Exception {
    try (MailingOrganisation organisation = MailingOrganisation.start(folder)) {
      Person alice = organisation.alice();
      Person bob = organisation.bob();
      Person carol = organisation.carol(); // with no certificate

      Path body =
          Files.writeString(folder.resolve("body.txt"), "See you at nine.\nBring the plans.\n");
      byte[] plans = MailingOrganisation.plans();
      Path attachment = Files.write(folder.resolve("plans.bin"), plans);
      CliRun.Result sent =
          assertOk(
              alice.withAccessCode(
                  ALICE_CODE,
                  "mail",
                  "send",
                  "--to",
                  "bob@example.org",
                  "--subject",
                  "The plans",
                  "--body-file",
                  body.toString(),
                  "--attach",
                  attachment.toString(),
                  "--sign",
                  "--encrypt"));
      assertThat(sent.out())
          .isEqualTo("sent to bob@example.org (signed and encrypted); a copy is in Sent\n");

      // The list shows the outer header only: the subject, and that it is encrypted.
      CliRun.Result list = assertOk(bob.withAccessCode(BOB_CODE, "mail", "list"));
      assertThat(list.out())
          .startsWith("UID  DATE ")
          .contains("  The plans  ")
          .contains("new,encrypted")
          .endsWith("page 1 of 1, 1 message in INBOX\n");
      JsonNode page = bob.mailList();
      assertThat(page.path("total").asInt()).isEqualTo(1);
      JsonNode listed = page.path("messages").get(0);
      assertThat(listed.path("subject").asText()).isEqualTo("The plans");
      assertThat(listed.path("fromAddress").asText()).isEqualTo("alice@example.org");
      assertThat(listed.path("encrypted").asBoolean()).isTrue();
      String uid = listed.path("uid").asText();

      Path downloads = folder.resolve("downloads");
      CliRun.Result read =
          assertOk(bob.run("mail", "read", uid, "--save-attachments", downloads.toString()));
      assertThat(read.out())
          .contains("To: bob@example.org\n")
          .contains("Subject: The plans\n")
          .contains("Security: signed and encrypted\n")
          .contains("Signed by: alice@example.org\n")
          .contains(
              "Verdict: VALID_TRUSTED: the signature is valid and the signer is trusted; signed by"
                  + " alice@example.org")
          .contains("Attachment 1: plans.bin (application/octet-stream, 20 KB)\n")
          .endsWith("\nSee you at nine.\nBring the plans.\n");
      assertThat(read.out()).containsPattern("(?m)^From: .*alice@example\\.org.*$");
      assertThat(Files.readAllBytes(downloads.resolve("plans.bin"))).isEqualTo(plans);
      assertThat(assertOk(bob.run("mail", "list")).out()).contains("  encrypted\n");
      JsonNode asJson = JSON.readTree(assertOk(bob.run("mail", "read", uid, "--json")).out());
      assertThat(asJson.path("verdict").path("status").asText()).isEqualTo("VALID_TRUSTED");
      assertThat(asJson.path("verdict").path("signedBy").asText()).isEqualTo("alice@example.org");
      assertThat(asJson.path("encrypted").asBoolean()).isTrue();
      assertThat(asJson.path("text").asText()).isEqualTo("See you at nine.\nBring the plans.\n");
      assertThat(asJson.path("attachments").get(0).path("name").asText()).isEqualTo("plans.bin");
      assertThat(asJson.path("attachments").get(0).path("size").asInt()).isEqualTo(plans.length);
      // Saving again never replaces what is there.
      assertOk(bob.run("mail", "read", uid, "--save-attachments", downloads.toString()));
      assertThat(Files.readAllBytes(downloads.resolve("plans (2).bin"))).isEqualTo(plans);

      // Alice's copy in Sent is encrypted to her too: she reads it with her own key.
      JsonNode sentFolder = alice.mailList("--folder", "Sent");
      assertThat(sentFolder.path("total").asInt()).isEqualTo(1);
      assertThat(
              assertOk(
                      alice.run(
                          "mail",
                          "read",
                          sentFolder.path("messages").get(0).path("uid").asText(),
                          "--folder",
                          "Sent"))
                  .out())
          .contains("Verdict: VALID_TRUSTED: ")
          .endsWith("\nSee you at nine.\nBring the plans.\n");

      // Carol has no certificate: nothing is sent, to Bob either, and she is named.
      CliRun.Result refused =
          alice.run(
              "mail",
              "send",
              "--to",
              "bob@example.org,carol@example.org",
              "--subject",
              "Secret",
              "--body-file",
              body.toString(),
              "--encrypt");
      assertThat(refused.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(refused.stderr())
          .isEqualTo(
              "keymail: not sent: keymail has no certificate to encrypt to carol@example.org. Ask"
                  + " them for a signed message (their certificate comes with it), or send without"
                  + " --encrypt\n");
      assertThat(bob.mailList().path("total").asInt()).isEqualTo(1);
      assertThat(
              JSON.readTree(carol.withAccessCode(CAROL_CODE, "mail", "list", "--json").out())
                  .path("total")
                  .asInt())
          .isZero();

      // Signed only, the text from standard input, as a script sends it; --json says what was sent.
      CliRun.Result signedOnly =
          assertOk(
              alice.runWithInput(
                  "Signed, not sealed.\n".getBytes(StandardCharsets.UTF_8),
                  "mail",
                  "send",
                  "--to",
                  "bob@example.org",
                  "--subject",
                  "Signed",
                  "--sign",
                  "--no-encrypt",
                  "--json"));
      JsonNode report = JSON.readTree(signedOnly.out());
      assertThat(report.path("recipients").toString()).isEqualTo("[\"bob@example.org\"]");
      assertThat(report.path("signed").asBoolean()).isTrue();
      assertThat(report.path("encrypted").asBoolean()).isFalse();
      assertThat(report.path("storedIn").asText()).isEqualTo("Sent");

      JsonNode newest = bob.mailList().path("messages").get(0);
      assertThat(newest.path("subject").asText()).isEqualTo("Signed");
      assertThat(newest.path("signed").asBoolean()).isTrue();
      byte[] raw = assertOk(bob.run("mail", "read", newest.path("uid").asText(), "--raw")).stdout();
      assertThat(organisation.opensslVerify(bob, raw)).contains("Verification successful");
      assertThat(assertOk(bob.run("mail", "read", newest.path("uid").asText())).out())
          .contains("Security: signed\n")
          .contains("Verdict: VALID_TRUSTED: ")
          .endsWith("\nSigned, not sealed.\n");

      // No such message: a clear error, exit status 2.
      CliRun.Result missing = bob.run("mail", "read", "999");
      assertThat(missing.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(missing.stderr()).isEqualTo("keymail: There is no message 999 in INBOX.\n");

      // Nothing secret is ever printed.
      for (Person person : new Person[] {alice, bob, carol}) {
        assertThat(person.everythingPrinted()).doesNotContain(person.sessionToken());
      }

      // A session that ended on the server asks for the access code again, and reading goes on.
      Path session = bob.home().resolve("session");
      Path kept = Files.copy(session, folder.resolve("ended-session"));
      assertOk(bob.run("lock"));
      Files.copy(kept, session, StandardCopyOption.REPLACE_EXISTING);
      CliRun.Result again = bob.withAccessCode(BOB_CODE, "mail", "read", uid);
      assertThat(again.exitCode()).as(again.stderr()).isZero();
      assertThat(again.stderr()).contains("; unlocking with the access code given");
      assertThat(again.out()).contains("Signed by: alice@example.org\n");
      assertOk(bob.run("lock"));
      CliRun.Result locked = bob.run("mail", "list");
      assertThat(locked.exitCode()).isEqualTo(ExitCodes.NOT_UNLOCKED);
      assertThat(locked.stderr()).contains("run 'keymail unlock'");
    }
  }

  @Test
  void theOrganisationsPoliciesSignWithoutAskingRefuseAnOptOutAndLimitTheAlgorithms()
      throws Exception {
    try (MailingOrganisation organisation = MailingOrganisation.start(folder)) {
      Person alice = organisation.alice();
      Person bob = organisation.bob();
      assertOk(alice.withAccessCode(ALICE_CODE, "admin", "policy", "set", "mail.sign", "required"));

      // Neither --sign nor an option of Alice's: the policy signs it.
      CliRun.Result sent =
          assertOk(
              alice.runWithInput(
                  "Signed by policy.\n".getBytes(StandardCharsets.UTF_8),
                  "mail",
                  "send",
                  "--to",
                  "bob@example.org",
                  "--subject",
                  "Policy"));
      assertThat(sent.out()).isEqualTo("sent to bob@example.org (signed); a copy is in Sent\n");
      JsonNode inbox = bob.mailList();
      assertThat(inbox.path("total").asInt()).isEqualTo(1);
      assertThat(inbox.path("messages").get(0).path("signed").asBoolean()).isTrue();

      // An explicit opt-out is refused before anything is written.
      CliRun.Result optOut =
          alice.runWithInput(
              "Unsigned.\n".getBytes(StandardCharsets.UTF_8),
              "mail",
              "send",
              "--to",
              "bob@example.org",
              "--subject",
              "Unsigned",
              "--no-sign");
      assertThat(optOut.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(optOut.stderr())
          .isEqualTo(
              "keymail: not sent: your organisation requires every message to be signed; leave"
                  + " out --no-sign\n");

      // Under AES-256-GCM alone, Bob's client is not known to read it: nothing is sent.
      assertOk(
          alice.withAccessCode(
              ALICE_CODE, "admin", "policy", "set", "mail.encryption-algorithms", "aes-256-gcm"));
      CliRun.Result gcmOnly =
          alice.runWithInput(
              "Sealed.\n".getBytes(StandardCharsets.UTF_8),
              "mail",
              "send",
              "--to",
              "bob@example.org",
              "--subject",
              "Sealed",
              "--encrypt");
      assertThat(gcmOnly.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(gcmOnly.stderr())
          .isEqualTo(
              "keymail: not sent: no allowed algorithm (aes-256-gcm) is known to be read by"
                  + " bob@example.org (capabilities unknown); your organisation allows only these"
                  + " encryption algorithms\n");
      assertThat(bob.mailList().path("total").asInt()).isEqualTo(1);
    }
  }
}
