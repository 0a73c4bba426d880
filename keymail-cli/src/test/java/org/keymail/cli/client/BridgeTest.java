package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.cli.client.MailingOrganisation.ALICE_CODE;
import static org.keymail.cli.client.MailingOrganisation.BOB_CODE;
import static org.keymail.cli.client.MailingOrganisation.assertOk;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;
import org.keymail.cli.ExitCodes;

/**
 * {@code keymail bridge} with real mail clients from Debian: curl sends through Alice's bridge
 * (SMTP), which signs and encrypts; Bob reads it decrypted through his own bridge (IMAP), with the
 * verdict header and the attachment byte for byte. A recipient without a certificate is named in
 * the SMTP reply and nothing is sent; a wrong password is refused; what the bridge signs, {@code
 * openssl cms -verify} accepts. s-nail (batch mode) sends an attachment through one bridge and
 * reads it back through the other; neomutt (batch mode) sends through Bob's. Nothing the bridges
 * print holds an access code or a session token. Through the bridge curl flags, moves, deletes and
 * expunges messages on the mail server, a draft it saves is stored encrypted to Bob, and a
 * decrypted copy it tries to store back is refused.
 */
class BridgeTest {

  @TempDir Path folder;

  @Test
  void curlSendsThroughAlicesBridgeAndBobReadsThroughHis() throws Exception {
    try (MailingOrganisation organisation = MailingOrganisation.start(folder)) {
      Person alice = organisation.alice();
      Person bob = organisation.bob();
      Person carol = organisation.carol(); // with no certificate
      MailClients clients = new MailClients(folder);
      byte[] plans = MailingOrganisation.plans();
      Files.write(folder.resolve("plans.bin"), plans);

      try (RunningBridge alicesBridge =
              RunningBridge.start(
                  alice,
                  Map.of(AccessCodeInput.ENVIRONMENT_VARIABLE, ALICE_CODE),
                  "--sign",
                  "--encrypt");
          RunningBridge bobsBridge =
              RunningBridge.start(
                  bob,
                  Map.of(AccessCodeInput.ENVIRONMENT_VARIABLE, BOB_CODE),
                  "--sign",
                  "--no-encrypt")) {
        assertThat(alicesBridge.out())
            .contains("user name: alice@example.org\n")
            .contains("sending: signed (--sign), encrypted (--encrypt)\n");
        String smtp = "smtp://127.0.0.1:" + alicesBridge.port("SMTP");
        String alicesLogin = "alice@example.org:" + alicesBridge.password();

        // Plain text and an attachment, as curl writes them; the bridge signs and encrypts.
        MailClients.Result sent =
            clients.curlSubmits(
                smtp,
                alicesLogin,
                "alice@example.org",
                List.of("bob@example.org"),
                "-H",
                "From: Alice <alice@example.org>",
                "-H",
                "To: bob@example.org",
                "-H",
                "Subject: The plans",
                "-F",
                "=See you at nine.;type=text/plain",
                "-F",
                "file=@plans.bin;type=application/octet-stream;encoder=base64");
        assertThat(sent.exitCode()).as(sent.stderr()).isZero();
        JsonNode inbox = bob.mailList();
        assertThat(inbox.path("total").asInt()).isEqualTo(1);
        JsonNode listed = inbox.path("messages").get(0);
        assertThat(listed.path("subject").asText()).isEqualTo("The plans");
        assertThat(listed.path("encrypted").asBoolean()).isTrue();
        String uid = listed.path("uid").asText();
        Path downloads = folder.resolve("downloads");
        CliRun.Result read =
            assertOk(bob.run("mail", "read", uid, "--save-attachments", downloads.toString()));
        assertThat(read.out())
            .contains("Security: signed and encrypted\n")
            .contains("Verdict: VALID_TRUSTED: ")
            .contains("See you at nine.");
        assertThat(Files.readAllBytes(downloads.resolve("plans.bin"))).isEqualTo(plans);

        // Bob's bridge gives curl the message decrypted, with the verdict on top.
        String imap = "imap://127.0.0.1:" + bobsBridge.port("IMAP");
        String bobsLogin = "bob@example.org:" + bobsBridge.password();
        MailClients.Result search =
            clients.curl("--user", bobsLogin, "--url", imap + "/INBOX", "-X", "UID SEARCH ALL");
        assertThat(search.exitCode()).as(search.stderr()).isZero();
        assertThat(search.out()).isEqualTo("* SEARCH " + uid + "\r\n");
        MailClients.Result fetched =
            clients.curl("--user", bobsLogin, "--url", imap + "/INBOX;UID=" + uid);
        assertThat(fetched.exitCode()).as(fetched.stderr()).isZero();
        String header = new String(fetched.stdout(), StandardCharsets.ISO_8859_1);
        // Unfolded, as a client reads the fields.
        assertThat(header.substring(0, header.indexOf("\r\n\r\n")).replace("\r\n ", " "))
            .startsWith(
                "Authentication-Results: keymail.bridge; smime=pass reason=\"the signature is"
                    + " valid and the signer is trusted\" smime.smime-identifier=alice@example.org\r\n")
            .contains(
                "\r\nX-Keymail-Verdict: VALID_TRUSTED: the signature is valid and the signer is trusted")
            .contains("\r\nX-Keymail-Security: signed and encrypted\r\n")
            .contains("\r\nSubject: The plans\r\n")
            .doesNotContainIgnoringCase("pkcs7");
        MimeMessage delivered =
            new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(fetched.stdout()));
        MimeMultipart parts = (MimeMultipart) delivered.getContent();
        assertThat(((String) parts.getBodyPart(0).getContent()).strip())
            .isEqualTo("See you at nine.");
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("plans.bin");
        assertThat(parts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(plans);
        // Nothing decrypted went back to the mail server: it still holds the encrypted message.
        assertThat(assertOk(bob.run("mail", "read", uid, "--raw")).out())
            .containsIgnoringCase("application/pkcs7-mime")
            .doesNotContain("See you at nine.");
        MailClients.Result wrongImap =
            clients.curl(
                "--user", "bob@example.org:not-the-password", "--url", imap + "/INBOX;UID=" + uid);
        assertThat(wrongImap.exitCode()).isEqualTo(67); // CURLE_LOGIN_DENIED

        // Carol has no certificate: the reply at the end of DATA names her; Bob gets nothing.
        MailClients.Result refused =
            clients.curlSubmits(
                smtp,
                alicesLogin,
                "alice@example.org",
                List.of("bob@example.org", "carol@example.org"),
                "-v",
                "-H",
                "From: alice@example.org",
                "-H",
                "To: bob@example.org, carol@example.org",
                "-H",
                "Subject: Secret",
                "-F",
                "=Nothing to see.;type=text/plain");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr())
            .contains(
                "< 550 5.7.1 not sent to anyone: keymail has no certificate to encrypt to"
                    + " carol@example.org; ask them for a signed message");
        assertThat(bob.mailList().path("total").asInt()).isEqualTo(1);

        // A wrong password is refused before anything else.
        MailClients.Result wrong =
            clients.curlSubmits(
                smtp,
                "alice@example.org:not-the-password",
                "alice@example.org",
                List.of("bob@example.org"),
                "-v",
                "-F",
                "=Hello;type=text/plain");
        assertThat(wrong.exitCode()).isEqualTo(67); // CURLE_LOGIN_DENIED
        assertThat(wrong.stderr()).contains("< 535 5.7.8 wrong user name or password");

        // Bob's bridge signs only: openssl verifies what keymail stored in Alice's INBOX.
        MailClients.Result signedOnly =
            clients.curlSubmits(
                "smtp://127.0.0.1:" + bobsBridge.port("SMTP"),
                "bob@example.org:" + bobsBridge.password(),
                "bob@example.org",
                List.of("alice@example.org"),
                "-H",
                "From: bob@example.org",
                "-H",
                "To: alice@example.org",
                "-H",
                "Subject: Signed",
                "-F",
                "=Signed, not sealed.;type=text/plain");
        assertThat(signedOnly.exitCode()).as(signedOnly.stderr()).isZero();
        JsonNode signed = alice.mailList().path("messages").get(0);
        assertThat(signed.path("signed").asBoolean()).isTrue();
        byte[] raw =
            assertOk(alice.run("mail", "read", signed.path("uid").asText(), "--raw")).stdout();
        assertThat(organisation.opensslVerify(bob, raw)).contains("Verification successful");

        // s-nail in batch mode sends a file through Alice's bridge, signed and encrypted ...
        Path body = Files.writeString(folder.resolve("body.txt"), "From the terminal.\n");
        MailClients.Result snailSent =
            clients.program(
                Files.readAllBytes(body),
                List.of(
                    "s-nail",
                    "-:/",
                    "-Sv15-compat",
                    "-Sttycharset=utf-8",
                    "-Sexpandaddr=fail,-all,+addr",
                    "-Smta=smtp://alice%40example.org:"
                        + alicesBridge.password()
                        + "@127.0.0.1:"
                        + alicesBridge.port("SMTP"),
                    "-Ssmtp-auth=plain",
                    "-Sfrom=alice@example.org",
                    "-s",
                    "From s-nail",
                    "-a",
                    "plans.bin",
                    "-.",
                    "bob@example.org"));
        assertThat(snailSent.exitCode()).as(snailSent.stderr()).isZero();
        // ... and reads it through Bob's: the newest message copied to a file, decrypted.
        Path mbox = folder.resolve("snail.mbox");
        MailClients.Result snailRead =
            clients.program(
                ("copy $ " + mbox + "\nquit\n").getBytes(StandardCharsets.UTF_8),
                List.of(
                    "s-nail",
                    "-:/",
                    "-Sv15-compat",
                    "-Sttycharset=utf-8",
                    "-#",
                    "-f",
                    "imap://bob%40example.org:"
                        + bobsBridge.password()
                        + "@127.0.0.1:"
                        + bobsBridge.port("IMAP")
                        + "/INBOX"));
        assertThat(snailRead.exitCode()).as(snailRead.stderr()).isZero();
        String copied = Files.readString(mbox, StandardCharsets.ISO_8859_1);
        byte[] message =
            copied.substring(copied.indexOf('\n') + 1).getBytes(StandardCharsets.ISO_8859_1);
        MimeMessage snailMessage =
            new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(message));
        assertThat(snailMessage.getSubject()).isEqualTo("From s-nail");
        assertThat(snailMessage.getHeader("X-Keymail-Security", null))
            .isEqualTo("signed and encrypted");
        MimeMultipart snailParts = (MimeMultipart) snailMessage.getContent();
        assertThat(snailParts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(plans);

        // neomutt in batch mode sends through Bob's bridge, signed only.
        Path muttrc =
            Files.writeString(
                folder.resolve("muttrc"),
                "set from = \"bob@example.org\"\n"
                    + "set use_from = yes\n"
                    + "set smtp_url = \"smtp://bob%40example.org@127.0.0.1:"
                    + bobsBridge.port("SMTP")
                    + "/\"\n"
                    + "set smtp_pass = \""
                    + bobsBridge.password()
                    + "\"\n"
                    + "set smtp_authenticators = \"plain\"\n"
                    + "set ssl_starttls = no\n"
                    + "set ssl_force_tls = no\n"
                    + "set copy = no\n");
        MailClients.Result muttSent =
            clients.program(
                "Sent with neomutt.\n".getBytes(StandardCharsets.UTF_8),
                List.of(
                    "neomutt",
                    "-n",
                    "-F",
                    muttrc.toString(),
                    "-s",
                    "From neomutt",
                    "-a",
                    "plans.bin",
                    "--",
                    "alice@example.org"));
        assertThat(muttSent.exitCode()).as(muttSent.stderr()).isZero();
        JsonNode fromMutt = alice.mailList().path("messages").get(0);
        assertThat(fromMutt.path("subject").asText()).isEqualTo("From neomutt");
        assertThat(fromMutt.path("signed").asBoolean()).isTrue();
        assertThat(fromMutt.path("encrypted").asBoolean()).isFalse();
        assertThat(assertOk(alice.run("mail", "read", fromMutt.path("uid").asText())).out())
            .contains("Verdict: VALID_TRUSTED: ")
            .contains("Sent with neomutt.");

        // Bob's unlock session ends while his bridge runs: the next decryption unlocks again with
        // his access code, and the client gets its message.
        assertOk(bob.run("lock"));
        MailClients.Result afterLock =
            clients.curlSubmits(
                smtp,
                alicesLogin,
                "alice@example.org",
                List.of("bob@example.org"),
                "-H",
                "From: alice@example.org",
                "-H",
                "To: bob@example.org",
                "-H",
                "Subject: After the lock",
                // A sender's forgeries of the bridge's fields never reach the reader.
                "-H",
                "X-Keymail-Verdict: forged",
                "-H",
                "Authentication-Results: keymail.bridge; smime=pass (forged)",
                "-F",
                "=Still readable.;type=text/plain");
        assertThat(afterLock.exitCode()).as(afterLock.stderr()).isZero();
        MailClients.Result newest =
            clients.curl("--user", bobsLogin, "--url", imap + "/INBOX", "-X", "UID SEARCH ALL");
        String[] uids = newest.out().strip().split(" ");
        MailClients.Result reread =
            clients.curl(
                "--user", bobsLogin, "--url", imap + "/INBOX;UID=" + uids[uids.length - 1]);
        assertThat(reread.exitCode()).as(reread.stderr()).isZero();
        assertThat(reread.out())
            .contains("X-Keymail-Security: signed and encrypted\r\n")
            .contains("Still readable.")
            .doesNotContain("forged");
        assertThat(reread.out().split("Authentication-Results: keymail.bridge;", -1)).hasSize(2);
        assertThat(bobsBridge.err()).contains("unlocking with the access code given");

        // A port in use is named, with the option that changes it.
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
          CliRun.Result refusedStart =
              alice.withAccessCode(
                  ALICE_CODE,
                  "bridge",
                  "--imap-port",
                  String.valueOf(taken.getLocalPort()),
                  "--smtp-port",
                  "0");
          assertThat(refusedStart.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
          assertThat(refusedStart.stderr())
              .endsWith(
                  "keymail: cannot listen on 127.0.0.1 port "
                      + taken.getLocalPort()
                      + ": it is in use; choose another with --imap-port (0 for any free one)\n");
          assertThat(refusedStart.out()).doesNotContain("password");
        }

        // Nothing secret in what the bridges printed beyond the password shown once.
        for (RunningBridge bridge : new RunningBridge[] {alicesBridge, bobsBridge}) {
          assertThat(bridge.out() + bridge.err())
              .doesNotContain(ALICE_CODE)
              .doesNotContain(BOB_CODE)
              .doesNotContain(alice.sessionToken())
              .doesNotContain(bob.sessionToken());
          assertThat(bridge.out().split(Pattern.quote(bridge.password()), -1)).hasSize(2);
        }
      }
    }
  }

  @Test
  void aMailClientFlagsMovesRemovesAndKeepsItsDraftsEncrypted() throws Exception {
    try (MailingOrganisation organisation = MailingOrganisation.start(folder)) {
      Person alice = organisation.alice();
      Person bob = organisation.bob();
      MailClients clients = new MailClients(folder);
      for (String subject : List.of("Flag me", "Move me")) {
        Path body = Files.writeString(folder.resolve(subject + ".txt"), subject + ", please.\n");
        assertOk(
            alice.withAccessCode(
                ALICE_CODE,
                "mail",
                "send",
                "--to",
                "bob@example.org",
                "--subject",
                subject,
                "--body-file",
                body.toString(),
                "--sign",
                "--encrypt"));
      }
      try (RunningBridge bobsBridge =
          RunningBridge.start(bob, Map.of(AccessCodeInput.ENVIRONMENT_VARIABLE, BOB_CODE))) {
        String imap = "imap://127.0.0.1:" + bobsBridge.port("IMAP");
        String login = "bob@example.org:" + bobsBridge.password();

        // A flag set through the bridge is kept on the mail server.
        MailClients.Result flagged =
            clients.curl(
                "--user", login, "--url", imap + "/INBOX", "-X", "STORE 1 +FLAGS (\\Flagged)");
        assertThat(flagged.exitCode()).as(flagged.stderr()).isZero();
        assertThat(flagged.out()).isEqualTo("* 1 FETCH (FLAGS (\\Flagged))\r\n");
        assertThat(
                clients
                    .curl("--user", login, "--url", imap + "/INBOX", "-X", "FETCH 1 FLAGS")
                    .out())
            .isEqualTo("* 1 FETCH (FLAGS (\\Flagged))\r\n");

        // The decrypted copy the client got cannot be stored back on the server.
        MailClients.Result decrypted =
            clients.curl("--user", login, "--url", imap + "/INBOX;MAILINDEX=1");
        assertThat(decrypted.out()).contains("X-Keymail-Security: signed and encrypted");
        Path copy = Files.write(folder.resolve("decrypted.eml"), decrypted.stdout());
        MailClients.Result appendedBack =
            clients.curl("-v", "--user", login, "--url", imap + "/Archive", "-T", copy.toString());
        assertThat(appendedBack.exitCode()).isNotZero();
        assertThat(appendedBack.stderr())
            .contains(
                "NO [CANNOT] not stored: this is a copy keymail decrypted for your mail client, and"
                    + " keymail never stores decrypted mail on the server");

        // MOVE takes the second message to Trash.
        MailClients.Result moved =
            clients.curl("--user", login, "--url", imap + "/INBOX", "-X", "MOVE 2 Trash");
        assertThat(moved.exitCode()).as(moved.stderr()).isZero();
        assertThat(bob.mailList().path("total").asInt()).isEqualTo(1);
        JsonNode trash = bob.mailList("--folder", "Trash");
        assertThat(trash.path("messages").get(0).path("subject").asText()).isEqualTo("Move me");

        // A deleted message stays until EXPUNGE.
        clients.curl("--user", login, "--url", imap + "/INBOX", "-X", "STORE 1 +FLAGS (\\Deleted)");
        assertThat(bob.mailList().path("total").asInt()).isEqualTo(1);
        MailClients.Result expunged =
            clients.curl("--user", login, "--url", imap + "/INBOX", "-X", "EXPUNGE");
        assertThat(expunged.out()).isEqualTo("* 1 EXPUNGE\r\n");
        assertThat(bob.mailList().path("total").asInt()).isZero();

        // A draft the client saves is encrypted to Bob before it reaches the server.
        Path draft =
            Files.writeString(
                folder.resolve("draft.eml"),
                "From: bob@example.org\r\nTo: alice@example.org\r\nSubject: Half written\r\n"
                    + "\r\nDear Alice,\r\n");
        MailClients.Result saved =
            clients.curl("--user", login, "--url", imap + "/Drafts", "-T", draft.toString());
        assertThat(saved.exitCode()).as(saved.stderr()).isZero();
        JsonNode drafts = bob.mailList("--folder", "Drafts");
        JsonNode stored = drafts.path("messages").get(0);
        assertThat(stored.path("encrypted").asBoolean()).isTrue();
        String uid = stored.path("uid").asText();
        assertThat(assertOk(bob.run("mail", "read", uid, "--raw", "--folder", "Drafts")).out())
            .containsIgnoringCase("application/pkcs7-mime")
            .doesNotContain("Dear Alice");
        // The client reads its draft back decrypted.
        assertThat(clients.curl("--user", login, "--url", imap + "/Drafts;UID=" + uid).out())
            .contains("Dear Alice,");
        // So is the client's own copy of what it sent, were it not turned off.
        MailClients.Result sentCopy =
            clients.curl("--user", login, "--url", imap + "/Sent", "-T", draft.toString());
        assertThat(sentCopy.exitCode()).as(sentCopy.stderr()).isZero();
        JsonNode sent = bob.mailList("--folder", "Sent").path("messages").get(0);
        assertThat(
                assertOk(
                        bob.run(
                            "mail", "read", sent.path("uid").asText(), "--raw", "--folder", "Sent"))
                    .out())
            .containsIgnoringCase("application/pkcs7-mime")
            .doesNotContain("Dear Alice");
      }
    }
  }
}
