package org.keymail.server.webmail.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.BrowserSession;
import org.keymail.server.webmail.MailFixtures;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.TestPki;
import org.keymail.testing.FreePorts;

/**
 * Reading mail in the webmail over real HTTPS, on H2 and PostgreSQL, with mail delivered over SMTP
 * to the embedded mail server: the list shows outer headers only; a signed message shows its
 * verdict in plain words with Signed by apart from From; an encrypted one shows nothing until the
 * keys are open, then its text and its attachment byte for byte; signers are collected into the
 * contacts and added on request; a message moves to Trash.
 */
class WebmailReadingTest {

  private static final Pattern MESSAGE_LINK =
      Pattern.compile("href=\"(/mail/folder/[^/\"]+/(\\d+))\">([^<]*)</a>");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void listReadVerdictsEncryptedAttachmentsContactsAndTrash(String product) throws Exception {
    int smtp = FreePorts.pick();
    try (Organisation organisation =
        Organisation.start(product, Map.of("keymail.mail.embedded-smtp-port", "" + smtp))) {
      TestServer server = organisation.server();
      ApiClient bob = organisation.user("bob@example.org");
      X509Certificate bobs = MailFixtures.vaultCertificate(bob);
      ApiClient alice = organisation.user("alice@example.org");
      Identity alices = MailFixtures.organisationIdentity(alice, "alice@example.org");
      Identity outsider = TestPki.create().user("dave@partner.example", KeyType.EC_P256);
      BrowserSession browser =
          new BrowserSession(server, bob.unlockInABrowserSession(Organisation.ACCESS_CODE));

      byte[] report = new byte[70_000];
      new java.util.Random(7).nextBytes(report);
      MailFixtures.deliver(
          smtp,
          "alice@example.org",
          "bob@example.org",
          MailFixtures.signed(
              MailFixtures.text(
                  "Alice <alice@example.org>",
                  "bob@example.org",
                  "Signed hello",
                  "Hi Bob,\nsigned."),
              alices));
      MailFixtures.deliver(
          smtp,
          "dave@partner.example",
          "bob@example.org",
          MailFixtures.signed(
              MailFixtures.text(
                  "Dave <dave@partner.example>", "bob@example.org", "From outside", "Hello."),
              outsider));
      MailFixtures.deliver(
          smtp,
          "alice@example.org",
          "bob@example.org",
          MailFixtures.signed(
              MailFixtures.text(
                  "The Boss <boss@example.org>", "bob@example.org", "Pay this", "Urgent."),
              alices));
      MailFixtures.deliver(
          smtp,
          "alice@example.org",
          "bob@example.org",
          MailFixtures.encrypted(
              Messages.withAttachment(
                  "Alice <alice@example.org>", "bob@example.org", report, "report.bin"),
              bobs));

      // The list: newest first, outer headers only, icons with words.
      HttpResponse<String> inbox = browser.get("/mail");
      assertThat(inbox.statusCode()).isEqualTo(200);
      assertThat(inbox.body())
          .contains("aria-label=\"Signed\"", "aria-label=\"Encrypted\"")
          .contains("Signed hello", "From outside", "Pay this", "report attached")
          .doesNotContain("The report is attached.");
      Map<String, String> links = links(inbox.body());
      assertThat(inbox.body().indexOf("report attached"))
          .isLessThan(inbox.body().indexOf("Signed hello"));

      // Trusted, with Signed by apart from From; the signer is collected into the contacts.
      String trusted = browser.get(links.get("Signed hello")).body();
      assertThat(trusted)
          .contains(VerdictView.TRUSTED)
          .contains("id=\"signed-by-address\">alice@example.org<")
          .contains("Hi Bob,\nsigned.")
          .doesNotContain("id=\"signer-mismatch\"");
      String collected = browser.get("/mail/contacts").body();
      assertThat(collected).contains("alice@example.org").contains(">collected<");
      Matcher aliceLink = CONTACT_LINK.matcher(collected);
      assertThat(aliceLink.find()).isTrue();
      String aliceContact = aliceLink.group(1);

      // Not trusted: a certificate from a CA the organisation does not trust.
      String untrusted = browser.get(links.get("From outside")).body();
      assertThat(untrusted).contains(VerdictView.UNTRUSTED).contains("dave@partner.example");
      assertThat(untrusted).contains("id=\"add-contact\"");

      // From and signer differ: said in red, in a sentence.
      String mismatch = browser.get(links.get("Pay this")).body();
      assertThat(mismatch)
          .contains("id=\"signer-mismatch\"")
          .contains(
              "Careful: this message says it is from boss@example.org, but it was signed by"
                  + " alice@example.org.");
      // Anyone can write a name into From: Alice's contact keeps the name her own mail gave.
      String aliceAfterMismatch = browser.get(aliceContact).body();
      assertThat(aliceAfterMismatch).contains("Alice").doesNotContain("The Boss");
      String aliceChanged = lastChanged(aliceAfterMismatch);

      // Add to contacts (a form with its CSRF token).
      HttpResponse<String> added = browser.post(links.get("From outside") + "/contact");
      assertThat(added.statusCode()).isEqualTo(302);
      assertThat(added.headers().firstValue("Location"))
          .hasValueSatisfying(l -> assertThat(l).endsWith("/mail/contacts"));
      String contacts = browser.get("/mail/contacts").body();
      assertThat(contacts).contains("dave@partner.example").contains(">added<");

      // Encrypted, keys open: the text and the attachment, byte for byte, as a download.
      String encrypted = browser.get(links.get("report attached")).body();
      assertThat(encrypted).contains("The report is attached.").contains("report.bin");
      HttpResponse<byte[]> download =
          browser.download(links.get("report attached") + "/attachment/1");
      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(Arrays.equals(download.body(), report)).isTrue();
      assertThat(download.headers().firstValue("Content-Disposition"))
          .hasValueSatisfying(d -> assertThat(d).startsWith("attachment").contains("report.bin"));
      assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

      // Keys locked: an encrypted message shows its outer header and the prompt, nothing more.
      server.clock().advance(Duration.ofMinutes(16));
      HttpResponse<String> locked = browser.get(links.get("report attached"));
      assertThat(locked.statusCode()).isEqualTo(200);
      assertThat(locked.body())
          .contains("id=\"needs-keys\"", "id=\"unlock-prompt\"", "report attached")
          .doesNotContain("The report is attached.")
          .doesNotContain("report.bin");
      HttpResponse<byte[]> refused =
          browser.download(links.get("report attached") + "/attachment/1");
      assertThat(refused.statusCode()).isEqualTo(302);
      assertThat(new String(refused.body(), StandardCharsets.UTF_8)).isEmpty();
      // Signed mail needs no key: still read while the keys are locked. Opening the same message
      // again brings nothing new to the contacts, so nothing is written.
      assertThat(browser.get(links.get("Pay this")).body()).contains(VerdictView.UNTRUSTED);
      assertThat(lastChanged(browser.get(aliceContact).body()))
          .as("opening the same signed message again writes nothing")
          .isEqualTo(aliceChanged);
      assertThat(browser.get(links.get("Signed hello")).body()).contains(VerdictView.TRUSTED);

      // Delete: to Trash, with its CSRF token.
      browser.get(links.get("Pay this"));
      HttpResponse<String> deleted = browser.post(links.get("Pay this") + "/delete");
      assertThat(deleted.statusCode()).isEqualTo(302);
      assertThat(browser.get("/mail").body()).doesNotContain("Pay this");
      String trash = browser.get("/mail/folder/Trash").body();
      assertThat(trash).contains("Pay this");

      // Deleting in Trash deletes for good.
      String inTrash = links(trash).get("Pay this");
      browser.get(inTrash);
      assertThat(browser.post(inTrash + "/delete").statusCode()).isEqualTo(302);
      assertThat(browser.get("/mail/folder/Trash").body()).doesNotContain("Pay this");
    }
  }

  private static final Pattern CONTACT_LINK =
      Pattern.compile("href=\"(/mail/contacts/[0-9a-f-]+)\"");
  private static final Pattern LAST_CHANGED = Pattern.compile("last changed <span>([^<]*)</span>");

  /** When a contact's page says it last changed. */
  private static String lastChanged(String contactPage) {
    Matcher m = LAST_CHANGED.matcher(contactPage);
    assertThat(m.find()).as("the contact page says when it last changed").isTrue();
    return m.group(1);
  }

  /** Each message's subject and its link in a folder page. */
  static Map<String, String> links(String page) {
    Map<String, String> links = new java.util.HashMap<>();
    Matcher m = MESSAGE_LINK.matcher(page);
    while (m.find()) {
      links.put(m.group(3), m.group(1));
    }
    return links;
  }
}
