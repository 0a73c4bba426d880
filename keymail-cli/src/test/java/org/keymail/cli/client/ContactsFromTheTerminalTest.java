package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.cli.client.MailingOrganisation.ALICE_CODE;
import static org.keymail.cli.client.MailingOrganisation.BOB_CODE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.PkiFiles;

/**
 * {@code keymail contacts} as people use it, against a real server and its embedded mail server:
 * Alice sends Bob signed mail; Bob adds her from the message in his mailbox (encrypted too: it is
 * decrypted with his vault key first) and from a saved file, and finds her certificate's
 * fingerprint in his list; an unsigned message adds nobody (exit 2), a changed one neither (exit
 * 4); a valid signature keymail cannot vouch for is added with its verdict shown.
 */
class ContactsFromTheTerminalTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  @Test
  void bobAddsAliceFromHerSignedMailAndNobodyFromUnsignedOrChangedMail() throws Exception {
    try (MailingOrganisation organisation = MailingOrganisation.start(folder)) {
      Person alice = organisation.alice();
      Person bob = organisation.bob();
      String alicesFingerprint =
          JSON.readTree(assertOk(alice.run("cert", "list", "--json")).out())
              .get(0)
              .path("sha256")
              .asText();
      assertThat(alicesFingerprint).hasSize(64);

      send(alice, "Sealed", "--sign", "--encrypt");
      send(alice, "Signed", "--sign", "--no-encrypt");
      send(alice, "Plain", "--no-sign", "--no-encrypt");
      String sealed = uid(bob, "Sealed");
      String signed = uid(bob, "Signed");
      String plain = uid(bob, "Plain");
      assertThat(assertOk(bob.run("contacts", "list")).out())
          .isEqualTo(
              "no contacts yet: 'keymail contacts add-from UID' adds the signer of a message\n");

      // From the encrypted and signed message in his inbox: decrypted here, then verified.
      CliRun.Result added = assertOk(bob.run("contacts", "add-from", sealed));
      assertThat(added.out())
          .startsWith(
              "Verdict: VALID_TRUSTED: the signature is valid and the signer is trusted; signed by"
                  + " alice@example.org")
          .contains("\nadded ")
          .contains(" <alice@example.org>\n")
          .contains("\n  sha-256    " + alicesFingerprint + "\n")
          .containsPattern("\n  valid      until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\n");
      String table = assertOk(bob.run("contacts", "list")).out();
      assertThat(table)
          .startsWith("ADDRESS  ")
          .containsPattern(
              "(?m)^alice@example\\.org  .*  valid  +added  +" + alicesFingerprint + "$");
      JsonNode listed = JSON.readTree(assertOk(bob.run("contacts", "list", "--json")).out());
      assertThat(listed).hasSize(1);
      assertThat(listed.get(0).path("fingerprint").asText()).isEqualTo(alicesFingerprint);
      assertThat(listed.get(0).path("certificate").asText())
          .startsWith("-----BEGIN CERTIFICATE-----");

      // Unsigned: nobody to add, exit status 2, nothing kept.
      CliRun.Result unsigned = bob.run("contacts", "add-from", plain);
      assertThat(unsigned.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(unsigned.stderr())
          .isEqualTo(
              "keymail: not signed: "
                  + plain
                  + " carries no signature, so there is no signer to add\n");

      // From a saved file, once removed.
      Path saved = folder.resolve("signed.eml");
      Files.write(saved, assertOk(bob.run("mail", "read", signed, "--raw")).stdout());
      assertThat(assertOk(bob.run("contacts", "remove", "alice@example.org")).out())
          .isEqualTo("removed alice@example.org from your contacts\n");
      assertThat(JSON.readTree(assertOk(bob.run("contacts", "list", "--json")).out())).isEmpty();
      JsonNode fromFile =
          JSON.readTree(
              assertOk(bob.run("contacts", "add-from", saved.toString(), "--json")).out());
      assertThat(fromFile.path("verdict").path("status").asText()).isEqualTo("VALID_TRUSTED");
      assertThat(fromFile.path("contacts").get(0).path("fingerprint").asText())
          .isEqualTo(alicesFingerprint);
      assertThat(JSON.readTree(assertOk(bob.run("contacts", "list", "--json")).out())).hasSize(1);
      CliRun.Result again = bob.run("contacts", "remove", "alice@example.org");
      assertOk(again);
      CliRun.Result none = bob.run("contacts", "remove", "alice@example.org");
      assertThat(none.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(none.stderr()).isEqualTo("keymail: You keep no contact for alice@example.org.\n");

      // Changed on the way: the signature does not hold, nobody is added, exit status 4.
      String text = Files.readString(saved, StandardCharsets.UTF_8);
      assertThat(text).contains("Signed, as sent.");
      Path changed =
          Files.writeString(
              folder.resolve("changed.eml"),
              text.replace("Signed, as sent.", "Signed, as changed."),
              StandardCharsets.UTF_8);
      CliRun.Result invalid = bob.run("contacts", "add-from", changed.toString());
      assertThat(invalid.exitCode()).isEqualTo(ExitCodes.INVALID);
      assertThat(invalid.stderr()).startsWith("keymail: nobody added: INVALID: ");
      assertThat(JSON.readTree(assertOk(bob.run("contacts", "list", "--json")).out())).isEmpty();

      // Valid, but judged against another CA: added, and the verdict says keymail cannot vouch.
      PkiFiles other = PkiFiles.in(Files.createDirectory(folder.resolve("other")));
      CliRun.Result untrusted =
          assertOk(
              bob.run(
                  "contacts", "add-from", saved.toString(), "--trust", other.caFile.toString()));
      assertThat(untrusted.out())
          .startsWith("Verdict: VALID_UNTRUSTED: ")
          .contains("\n  sha-256    " + alicesFingerprint + "\n");
      assertThat(JSON.readTree(assertOk(bob.run("contacts", "list", "--json")).out())).hasSize(1);
    }
  }

  private void send(Person alice, String subject, String... protection) {
    String[] args = {
      "mail", "send", "--to", "bob@example.org", "--subject", subject, "--body-file", "BODY"
    };
    Path body = alice.file(subject + ".txt", subject + ", as sent.\n");
    args[args.length - 1] = body.toString();
    String[] all = new String[args.length + protection.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(protection, 0, all, args.length, protection.length);
    assertOk(alice.withAccessCode(ALICE_CODE, all));
  }

  private static String uid(Person bob, String subject) throws Exception {
    for (JsonNode m :
        JSON.readTree(assertOk(bob.withAccessCode(BOB_CODE, "mail", "list", "--json")).out())
            .path("messages")) {
      if (m.path("subject").asText().equals(subject)) {
        return m.path("uid").asText();
      }
    }
    throw new AssertionError("no message " + subject);
  }

  private static CliRun.Result assertOk(CliRun.Result result) {
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return result;
  }
}
