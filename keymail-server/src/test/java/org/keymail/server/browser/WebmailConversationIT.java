package org.keymail.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.MailFixtures;
import org.keymail.server.webmail.compose.WebmailTesting;
import org.keymail.smime.SoftwareKeyHandle;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.TestPki;
import org.keymail.testing.Chromium;
import org.keymail.testing.ChromiumExtension;

/**
 * A conversation across the webmail's writing and reading sides, in a real Chromium with one
 * browser and one virtual security key per person: Alice writes to Bob, found through the address
 * suggestions, signed and encrypted with an attachment, and both read it back; a partner outside
 * the organisation writes signed and encrypted, Bob adds him to the contacts, finds him among the
 * suggestions and answers encrypted to the certificate his mail brought; and after the keys lock,
 * an encrypted message shows nothing until the PassKey is used in the page, and a signed answer
 * asks for it in place when sent, with nothing typed lost. Takes two screenshots of the user guide.
 */
@ExtendWith(ChromiumExtension.class)
class WebmailConversationIT {

  private static final String ALICES_CODE = "Red-Kite-19";
  private static final String BOBS_CODE = "Blue-Heron-42";

  @ParameterizedTest
  @EnumSource(MailBackEnd.class)
  void writeReadAnswerAndUnlockInPlace(MailBackEnd backEnd, Chromium chromium) throws Exception {
    try (MailBackEnd.Running mail =
            backEnd.start(
                List.of(
                    "alice@example.org",
                    "bob@example.org",
                    "dave@partner.example",
                    "admin@keymail.localhost"));
        Organisation organisation = Organisation.start("H2", mail.settings());
        BrowserContext alicesBrowser = chromium.newContext();
        BrowserContext bobsBrowser = chromium.newContext()) {
      TestServer server = organisation.server();
      int smtp = mail.smtpPort();
      // The user guide shows the embedded server's run; the other would only take them again.
      boolean screenshots = backEnd == MailBackEnd.EMBEDDED;
      Page alice = signedIn(alicesBrowser, server, "alice@example.org", ALICES_CODE);
      WebmailBrowser.requestCertificate(alice);
      Page bob = signedIn(bobsBrowser, server, "bob@example.org", BOBS_CODE);
      X509Certificate bobs = MailFixtures.certificate(WebmailBrowser.requestCertificate(bob));

      // 1. Alice finds Bob through the suggestions and sends signed and encrypted, with a file.
      byte[] figures = new byte[20_000];
      new Random(3).nextBytes(figures);
      alice.navigate(server.uri("/mail/compose").toString());
      alice.locator("#to").pressSequentially("bo");
      Locator bobSuggested = alice.locator("#to-suggestions li[data-email='bob@example.org']");
      assertThat(bobSuggested).containsText("directory · certificate");
      bobSuggested.click();
      assertThat(alice.locator("#to")).hasValue("bob@example.org, ");
      alice.fill("#subject", "Quarterly figures");
      alice.fill("#body", "Hello Bob,\n\nthe figures are attached.\n\nAlice");
      alice.setInputFiles(
          "#attachments", new FilePayload("figures.bin", "application/octet-stream", figures));
      alice.check("#sign");
      alice.check("#encrypt");
      alice.click("#send");
      assertThat(alice.locator("#notice")).hasText("Your message was sent.");

      // Meanwhile a partner outside the organisation writes: signed, then signed and encrypted.
      Identity dave = TestPki.create().user("dave@partner.example", KeyType.EC_P256);
      MailFixtures.deliver(
          smtp,
          "dave@partner.example",
          "bob@example.org",
          MailFixtures.signed(
              MailFixtures.text(
                  "Dave Partner <dave@partner.example>",
                  "bob@example.org",
                  "Offer for the spring order",
                  "Hello Bob,\n\nour offer follows in a separate, encrypted message.\n\nDave"),
              dave));
      MailFixtures.deliver(
          smtp,
          "dave@partner.example",
          "bob@example.org",
          MailFixtures.encrypted(
              MailFixtures.signed(
                  MailFixtures.text(
                      "Dave Partner <dave@partner.example>",
                      "bob@example.org",
                      "Prices for the spring order",
                      "Hello Bob,\n\n400 units at 12.50 each.\n\nDave"),
                  dave),
              bobs));
      MailFixtures.deliver(
          smtp,
          "facilities@example.org",
          "bob@example.org",
          Messages.withAttachment(
              "Facilities <facilities@example.org>",
              "bob@example.org",
              "parking plan".getBytes(StandardCharsets.US_ASCII),
              "parking.txt"));

      // Bob's inbox: the outside of each message, with marks that have words.
      bob.navigate(server.uri("/mail").toString());
      Locator rows = bob.locator("#message-list tbody tr");
      assertThat(rows).hasCount(4);
      Locator fromAlice = rows.filter(new Locator.FilterOptions().setHasText("Quarterly figures"));
      assertThat(fromAlice).containsText("alice@example.org");
      assertThat(fromAlice.locator("[aria-label=Encrypted]")).hasCount(1);
      // What is signed or attached inside the encryption does not show from the outside.
      assertThat(fromAlice.locator("[aria-label=Signed]")).hasCount(0);
      assertThat(fromAlice.locator("[aria-label='Has attachments']")).hasCount(0);
      assertThat(
              rows.filter(new Locator.FilterOptions().setHasText("Offer for the spring order"))
                  .locator("[aria-label=Signed]"))
          .hasCount(1);
      assertThat(
              rows.filter(new Locator.FilterOptions().setHasText("report attached"))
                  .locator("[aria-label='Has attachments']"))
          .hasCount(1);
      assertThat(bob.locator("#message-list [aria-label=Encrypted]")).hasCount(2);
      if (screenshots) {
        Files.createDirectories(WebmailBrowser.SCREENSHOTS);
        WebmailBrowser.screenshot(bob, "webmail-conversation-received.png");
      }

      // Bob opens it: trusted, signed by Alice, and the attachment is what she attached.
      bob.click("text=Quarterly figures");
      assertThat(bob.locator("#subject")).hasText("Quarterly figures");
      assertThat(bob.locator("#verdict-headline")).hasText("Signed and trusted");
      assertThat(bob.locator("#signed-by")).containsText("Signed by");
      assertThat(bob.locator("#signed-by-address")).hasText("alice@example.org");
      assertThat(bob.locator("#body-text")).containsText("the figures are attached.");
      Download download =
          bob.waitForDownload(
              () ->
                  bob.locator("#attachments a")
                      .filter(new Locator.FilterOptions().setHasText("figures.bin"))
                      .click());
      assertThat(download.suggestedFilename()).isEqualTo("figures.bin");
      assertThat(Files.readAllBytes(download.path())).isEqualTo(figures);

      // Alice's copy in Sent is encrypted to her as well, and she opens it.
      alice.navigate(server.uri("/mail/folder/Sent").toString());
      alice.click("text=Quarterly figures");
      assertThat(alice.locator("#encrypted-note")).isVisible();
      assertThat(alice.locator("#verdict-headline")).hasText("Signed and trusted");
      assertThat(alice.locator("#body-text")).containsText("the figures are attached.");
      assertThat(alice.locator("#attachments")).containsText("figures.bin");
      assertThat(
              new String(
                  WebmailTesting.onlyMessage(server, "alice@example.org", "Sent"),
                  StandardCharsets.ISO_8859_1))
          .contains("application/pkcs7-mime")
          .doesNotContain("the figures are attached");

      // 2. The outside signer: not trusted; Bob adds him to the contacts.
      bob.navigate(server.uri("/mail").toString());
      bob.click("text=Offer for the spring order");
      assertThat(bob.locator("#verdict-headline")).hasText("Signed, but the signer is not trusted");
      assertThat(bob.locator("#signed-by")).containsText("Signed by");
      assertThat(bob.locator("#signed-by-address")).hasText("dave@partner.example");
      bob.click("#add-contact");
      assertThat(bob).hasURL(server.uri("/mail/contacts").toString());
      assertThat(bob.locator("#notice")).hasText("dave@partner.example added to your contacts.");
      assertThat(bob.locator("#contacts")).containsText("dave@partner.example");

      // The contacts are among the suggestions: typing his name offers him.
      bob.navigate(server.uri("/mail/compose").toString());
      bob.locator("#to").pressSequentially("Dave");
      Locator daveSuggested = bob.locator("#to-suggestions li[data-email='dave@partner.example']");
      assertThat(daveSuggested).containsText("Dave Partner <dave@partner.example>");
      assertThat(daveSuggested).containsText("contacts · certificate");

      // Bob answers Dave's encrypted message: the form starts filled in, Encrypt on.
      bob.navigate(server.uri("/mail").toString());
      bob.click("text=Prices for the spring order");
      assertThat(bob.locator("#verdict-headline")).hasText("Signed, but the signer is not trusted");
      assertThat(bob.locator("#body-text")).containsText("400 units at 12.50 each.");
      assertThat(bob.locator("#reply-all"))
          .hasAttribute("href", Pattern.compile("/mail/compose\\?replyAll=\\d+&folder=INBOX"));
      assertThat(bob.locator("#forward"))
          .hasAttribute("href", Pattern.compile("/mail/compose\\?forward=\\d+&folder=INBOX"));
      bob.click("#reply");
      assertThat(bob.locator("#to")).hasValue("Dave Partner <dave@partner.example>");
      assertThat(bob.locator("#subject")).hasValue("Re: Prices for the spring order");
      assertThat(bob.locator("#body").inputValue().replace("\r\n", "\n"))
          .contains(
              "Dave Partner <dave@partner.example> wrote:\n"
                  + "> Hello Bob,\n> \n> 400 units at 12.50 each.\n");
      assertThat(bob.locator("#encrypt")).isChecked();
      bob.locator("#body").focus();
      bob.keyboard().press("Control+Home");
      bob.keyboard().type("Dave, we take the 400 units.");
      if (screenshots) {
        bob.setViewportSize(1280, 900);
        WebmailBrowser.screenshot(bob, "webmail-reply-encrypted.png");
        bob.setViewportSize(1280, 800);
      }
      bob.click("#send");
      assertThat(bob.locator("#notice")).hasText("Your message was sent.");

      // What reaches Dave is encrypted, and his own key opens it.
      byte[] arrived = WebmailTesting.onlyMessage(server, "dave@partner.example", "INBOX");
      assertThat(new String(arrived, StandardCharsets.ISO_8859_1))
          .contains("application/pkcs7-mime")
          .doesNotContain("400 units");
      try (ReadResult read =
          MessageReader.builder()
              .key(SoftwareKeyHandle.of(dave.privateKey(), dave.certificate()))
              .build()
              .read(new ByteArrayInputStream(arrived))) {
        assertThat(read.isEncrypted()).isTrue();
        MimeMessage answer = WebmailTesting.parse(read);
        assertThat(answer.getSubject()).isEqualTo("Re: Prices for the spring order");
        assertThat(answer.getFrom()[0].toString()).contains("bob@example.org");
        String text = String.valueOf(answer.getContent()).replace("\r\n", "\n");
        // The empty lines the reply starts with survive the form; the quote ends with the text.
        assertThat(text)
            .startsWith("Dave, we take the 400 units.\n\nOn 3 Dec 2026 at 09:00 UTC, Dave Partner")
            .contains("> 400 units at 12.50 each.\n> \n> Dave")
            .doesNotContain("> Dave\n>");
      }

      // A draft is kept in Drafts, opens again as it was left, and goes from Drafts once sent.
      bob.navigate(server.uri("/mail/compose").toString());
      bob.fill("#to", "dave@partner.example");
      bob.fill("#subject", "Delivery dates");
      bob.fill("#body", "Dave, the first delivery could be on Friday.");
      bob.uncheck("#sign");
      bob.uncheck("#encrypt");
      bob.click("#save-draft");
      assertThat(bob.locator("#notice")).hasText("Your draft is saved.");
      String draft = bob.url().replace("&saved", "");
      assertThat(draft).contains("/mail/compose?draft=");
      bob.navigate(server.uri("/mail/folder/Drafts").toString());
      assertThat(bob.locator("#message-list tbody tr")).hasCount(1);
      assertThat(bob.locator("#message-list")).containsText("Delivery dates");
      bob.navigate(draft);
      assertThat(bob.locator("#to")).hasValue("dave@partner.example");
      assertThat(bob.locator("#subject")).hasValue("Delivery dates");
      assertThat(bob.locator("#body")).hasValue("Dave, the first delivery could be on Friday.");
      bob.click("#send");
      assertThat(bob.locator("#notice")).hasText("Your message was sent.");
      assertThat(WebmailTesting.messages(server, "bob@example.org", "Drafts")).isEmpty();
      List<byte[]> davesInbox = WebmailTesting.messages(server, "dave@partner.example", "INBOX");
      assertThat(davesInbox).hasSize(2);
      assertThat(new String(davesInbox.get(0), StandardCharsets.UTF_8))
          .contains("Subject: Delivery dates")
          .contains("the first delivery could be on Friday.");
      // Bob's Sent holds both his messages to Dave, and he reads the plain one back.
      bob.navigate(server.uri("/mail/folder/Sent").toString());
      assertThat(bob.locator("#message-list tbody tr")).hasCount(2);
      bob.click("text=Delivery dates");
      assertThat(bob.locator("#body-text")).containsText("the first delivery could be on Friday.");

      // Deleting moves a message to Trash, where it can still be read.
      bob.navigate(server.uri("/mail").toString());
      bob.click("text=report attached");
      bob.click("#delete");
      assertThat(bob.locator("#notice")).hasText("The message was moved to Trash.");
      assertThat(bob.locator("#message-list tbody tr")).hasCount(3);
      assertThat(bob.locator("#message-list")).not().containsText("report attached");
      bob.navigate(server.uri("/mail/folder/Trash").toString());
      bob.click("text=report attached");
      assertThat(bob.locator("#attachments")).containsText("parking.txt");

      // 3. The keys lock: an encrypted message shows only the prompt, not a word of its text.
      server.clock().advance(Duration.ofMinutes(16));
      bob.navigate(server.uri("/mail").toString());
      bob.click("text=Quarterly figures");
      assertThat(bob.locator("#unlock-prompt")).isVisible();
      assertThat(bob.locator("#body")).hasCount(0);
      assertThat(bob.locator("#attachments")).hasCount(0);
      assertThat(bob.content())
          .doesNotContain("figures are attached")
          .doesNotContain("figures.bin");
      // The page loads again once the keys are open.
      WebmailBrowser.unlockInPlace(bob, BOBS_CODE);
      assertThat(bob.locator("#body-text")).containsText("the figures are attached.");

      // Locked again, Reply asks for the PassKey to open the original, then fills the form in.
      server.clock().advance(Duration.ofMinutes(16));
      bob.click("#reply");
      assertThat(bob.locator("#problem"))
          .hasText("This message is encrypted: unlock your keys to open it.");
      // The page loads again once the keys are open.
      WebmailBrowser.unlockInPlace(bob, BOBS_CODE);
      assertThat(bob.locator("#to")).hasValue("alice@example.org");
      assertThat(bob.locator("#subject")).hasValue("Re: Quarterly figures");
      assertThat(bob.locator("#encrypt")).isChecked();
      bob.locator("#body").focus();
      bob.keyboard().press("Control+Home");
      bob.keyboard().type("Thanks, Alice: the figures look right.");
      bob.check("#sign");

      // Locked once more while he writes: Send asks in place, then sends what he wrote.
      server.clock().advance(Duration.ofMinutes(16));
      bob.click("#send");
      assertThat(bob.locator("#unlock-prompt")).isVisible();
      assertThat(bob.locator("#subject")).hasValue("Re: Quarterly figures");
      assertThat(bob.locator("#body").inputValue())
          .startsWith("Thanks, Alice: the figures look right.");
      assertThat(bob.locator("#sign")).isChecked();
      WebmailBrowser.unlockInPlace(bob, BOBS_CODE);
      assertThat(bob.locator("#notice")).hasText("Your message was sent.");

      // Alice reads the answer: her keys locked too, so she unlocks in the page.
      List<byte[]> alicesInbox = WebmailTesting.messages(server, "alice@example.org", "INBOX");
      assertThat(alicesInbox).hasSize(1);
      alice.navigate(server.uri("/mail").toString());
      alice.click("text=Re: Quarterly figures");
      // The page loads again once the keys are open.
      WebmailBrowser.unlockInPlace(alice, ALICES_CODE);
      assertThat(alice.locator("#verdict-headline")).hasText("Signed and trusted");
      assertThat(alice.locator("#signed-by-address")).hasText("bob@example.org");
      assertThat(alice.locator("#body-text"))
          .containsText("Thanks, Alice: the figures look right.");
    }
  }

  /** A browser of its own for {@code email}, with a security key, activated and signed in. */
  private static Page signedIn(
      BrowserContext context, TestServer server, String email, String accessCode) {
    Page page = context.newPage();
    page.setViewportSize(1280, 800);
    Chromium.plugInSecurityKey(Chromium.devTools(context, page));
    WebmailBrowser.activate(page, server, server.invite(email), accessCode);
    WebmailBrowser.signIn(page, server, accessCode);
    return page;
  }
}
