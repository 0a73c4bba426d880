package org.keymail.server.webmail.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.webmail.compose.WebmailTesting.fields;
import static org.keymail.server.webmail.compose.WebmailTesting.messages;
import static org.keymail.server.webmail.compose.WebmailTesting.onlyMessage;
import static org.keymail.server.webmail.compose.WebmailTesting.parse;
import static org.keymail.server.webmail.compose.WebmailTesting.read;
import static org.keymail.server.webmail.compose.WebmailTesting.withCertificate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.keymail.mail.imap.Mailboxes;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms.Upload;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.read.ReadResult;

/**
 * Drafts (an encrypted one saved without a PassKey, opened again with the keys), replies that quote
 * and thread, and forwards that carry the original.
 */
class DraftsRepliesForwardsTest {

  @Test
  void anEncryptedDraftIsSavedWithoutKeysAndOpensAgainWithThem() throws Exception {
    try (Organisation organisation = Organisation.start("H2")) {
      TestServer server = organisation.server();
      ApiClient alice = withCertificate(organisation.user("alice@example.org"));
      WebmailForms browser = WebmailTesting.browser(server, alice);
      browser.get("/mail/compose");
      server.clock().advance(Duration.ofMinutes(16));

      HttpResponse<String> saved =
          browser.post(
              "/mail/compose",
              fields(
                  "to", "bob@example.org",
                  "bcc", "carol@example.org",
                  "subject", "Half written",
                  "body", "To be continued.",
                  "sign", "on",
                  "encrypt", "on",
                  "action", "draft"),
              new Upload(
                  "attachments",
                  "outline.txt",
                  "text/plain",
                  "outline".getBytes(StandardCharsets.UTF_8)));

      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
      String location = saved.headers().firstValue("Location").orElseThrow();
      assertThat(location).contains("/mail/compose?draft=");
      byte[] draft = onlyMessage(server, "alice@example.org", "Drafts");
      assertThat(new String(draft, StandardCharsets.ISO_8859_1))
          .contains("application/pkcs7-mime")
          .doesNotContain("To be continued.");

      String path = location.substring(location.indexOf("/mail/"));
      assertThat(browser.get(path).body())
          .contains("This message is encrypted: unlock your keys to open it.")
          .contains("data-unlock-needed=\"true\"");
      assertThat(alice.unlock(Organisation.ACCESS_CODE).statusCode()).isEqualTo(200);
      browser.cookie(
          alice.unlockInABrowserSession(Organisation.ACCESS_CODE, browser.sessionCookie()));
      String opened = browser.get(path).body();
      assertThat(opened)
          .contains("value=\"bob@example.org\"")
          .contains("value=\"carol@example.org\"")
          .contains("value=\"Half written\"")
          .contains(">\nTo be continued.</textarea>")
          .contains("outline.txt")
          .containsPattern("id=\"sign\"[^>]*checked")
          .containsPattern("id=\"encrypt\"[^>]*checked");
      try (ReadResult read = read(server, alice, draft)) {
        assertThat(parse(read).getHeader("Bcc")[0]).isEqualTo("carol@example.org");
      }
    }
  }

  @Test
  void aReplyQuotesAndThreadsAndAForwardCarriesTheOriginal() throws Exception {
    try (Organisation organisation = Organisation.start("H2")) {
      TestServer server = organisation.server();
      ApiClient alice = withCertificate(organisation.user("alice@example.org"));
      ApiClient bob = withCertificate(organisation.user("bob@example.org"));
      withCertificate(organisation.user("carol@example.org"));
      WebmailForms bobs = WebmailTesting.browser(server, bob);
      assertThat(
              bobs.post(
                      "/mail/compose",
                      fields(
                          "to", "alice@example.org",
                          "cc", "carol@example.org",
                          "subject", "Lunch?",
                          "body", "Shall we meet at noon?",
                          "encrypt", "on",
                          "action", "send"))
                  .statusCode())
          .isEqualTo(302);
      byte[] original = onlyMessage(server, "alice@example.org", "INBOX");
      long uid =
          server
              .bean(Mailboxes.class)
              .of(EmailAddress.parse("alice@example.org"))
              .page("INBOX", 0, 10)
              .messages()
              .get(0)
              .uid();
      WebmailForms alices = WebmailTesting.browser(server, alice);

      assertThat(alices.get("/mail/compose").body())
          .contains("<title>New message · keymail</title>")
          .contains("<h1>New message</h1>");
      assertThat(alices.get("/mail/compose?reply=" + uid + "&folder=INBOX").body())
          .contains("<title>Reply · keymail</title>")
          .contains("<h1>Reply</h1>");
      String reply = alices.get("/mail/compose?replyAll=" + uid + "&folder=INBOX").body();
      assertThat(reply)
          .contains("<title>Reply all · keymail</title>")
          .contains("<h1>Reply all</h1>")
          .contains("value=\"bob@example.org\"")
          .contains("value=\"carol@example.org\"")
          .contains("value=\"Re: Lunch?\"")
          .contains("&gt; Shall we meet at noon?")
          .containsPattern("id=\"encrypt\"[^>]*checked")
          .containsPattern("name=\"inReplyTo\" value=\"&lt;[^\"]+&gt;\"");

      String forward = alices.get("/mail/compose?forward=" + uid + "&folder=INBOX").body();
      assertThat(forward)
          .contains("<title>Forward · keymail</title>")
          .contains("<h1>Forward</h1>")
          .contains("value=\"Fwd: Lunch?\"")
          .contains("Lunch_.eml")
          .contains("&gt; Shall we meet at noon?");
      String kept = WebmailTesting.keptId(forward);
      assertThat(
              alices
                  .post(
                      "/mail/compose",
                      fields(
                          "to", "carol@example.org",
                          "subject", "Fwd: Lunch?",
                          "body", "See below.",
                          "kept", kept,
                          "action", "send"))
                  .statusCode())
          .isEqualTo(302);
      // Carol got Bob's message as Cc, then Alice's forward, which carries the original readable.
      var inbox = messages(server, "carol@example.org", "INBOX");
      assertThat(inbox).hasSize(2);
      String forwarded = new String(inbox.get(0), StandardCharsets.UTF_8);
      assertThat(forwarded)
          .contains("Subject: Fwd: Lunch?")
          .contains("message/rfc822")
          .contains("Shall we meet at noon?")
          .doesNotContain("application/pkcs7-mime");
      assertThat(new String(original, StandardCharsets.ISO_8859_1))
          .contains("application/pkcs7-mime");
    }
  }
}
