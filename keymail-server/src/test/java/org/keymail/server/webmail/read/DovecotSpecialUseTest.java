package org.keymail.server.webmail.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.webmail.compose.WebmailTesting.fields;
import static org.keymail.server.webmail.compose.WebmailTesting.messages;
import static org.keymail.server.webmail.compose.WebmailTesting.withCertificate;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keymail.mail.imap.FolderInfo;
import org.keymail.mail.imap.Mailboxes;
import org.keymail.mail.testing.DovecotMailSystem;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.BrowserSession;
import org.keymail.server.webmail.compose.WebmailForms;
import org.keymail.server.webmail.compose.WebmailTesting;
import org.keymail.smime.address.EmailAddress;

/**
 * The webmail against a Dovecot whose Sent, Drafts and Trash are flagged special-use under names of
 * their own, as many organisations' servers have them: what is sent is kept in "Sent Messages",
 * drafts in "Drafts", deleted mail goes to "Deleted Items" and from there for good, and keymail
 * makes no Sent or Trash of its own beside them.
 */
class DovecotSpecialUseTest {

  private static final List<String> FLAGGED_FOLDERS =
      List.of(
          "namespace inbox {",
          "  inbox = yes",
          "  mailbox \"Sent Messages\" {",
          "    special_use = \\Sent",
          "    auto = subscribe",
          "  }",
          "  mailbox \"Deleted Items\" {",
          "    special_use = \\Trash",
          "    auto = create",
          "  }",
          "  mailbox Drafts {",
          "    special_use = \\Drafts",
          "  }",
          "}");

  @Test
  void sentDraftsAndDeletedMailGoToTheFoldersTheServerFlags() throws Exception {
    try (DovecotMailSystem mail =
            DovecotMailSystem.start(
                List.of("alice@example.org", "bob@example.org", "admin@keymail.localhost"),
                FLAGGED_FOLDERS);
        Organisation organisation = Organisation.start("H2", settings(mail))) {
      TestServer server = organisation.server();
      ApiClient alice = withCertificate(organisation.user("alice@example.org"));
      ApiClient bob = organisation.user("bob@example.org");
      WebmailForms writing = WebmailTesting.browser(server, alice);

      HttpResponse<String> sent = WebmailTesting.send(writing, "bob@example.org", "Flagged Sent");
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
      assertThat(messages(server, "alice@example.org", "Sent Messages")).hasSize(1);
      HttpResponse<String> draft =
          writing.post(
              "/mail/compose",
              fields(
                  "to",
                  "bob@example.org",
                  "subject",
                  "Half done",
                  "body",
                  "To be continued.",
                  "action",
                  "draft"));
      assertThat(draft.statusCode()).as(draft.body()).isEqualTo(302);
      assertThat(messages(server, "alice@example.org", "Drafts")).hasSize(1);
      assertThat(folderNames(server, "alice@example.org"))
          .containsExactly("INBOX", "Drafts", "Sent Messages", "Deleted Items");
      String folders = writing.get("/mail").body();
      assertThat(folders)
          .contains("data-role=\"sent\"")
          .contains(">Sent Messages</span>")
          .contains(">Deleted Items</span>");

      BrowserSession reading =
          new BrowserSession(server, bob.unlockInABrowserSession(Organisation.ACCESS_CODE));
      String link = WebmailReadingTest.links(reading.get("/mail").body()).get("Flagged Sent");
      reading.get(link);
      assertThat(reading.post(link + "/delete").statusCode()).isEqualTo(302);
      assertThat(reading.get("/mail/folder/INBOX").body())
          .contains("The message was moved to Deleted Items.")
          .doesNotContain("Flagged Sent");
      String trash = reading.get("/mail/folder/Deleted%20Items").body();
      assertThat(trash).contains("Flagged Sent");

      String inTrash = WebmailReadingTest.links(trash).get("Flagged Sent");
      reading.get(inTrash);
      assertThat(reading.post(inTrash + "/delete").statusCode()).isEqualTo(302);
      assertThat(messages(server, "bob@example.org", "Deleted Items"))
          .as("deleting in the server's trash deletes for good")
          .isEmpty();
      assertThat(folderNames(server, "bob@example.org"))
          .containsExactly("INBOX", "Sent Messages", "Deleted Items");
    }
  }

  private static List<String> folderNames(TestServer server, String user) throws Exception {
    return server.bean(Mailboxes.class).of(EmailAddress.parse(user)).folders().stream()
        .map(FolderInfo::name)
        .toList();
  }

  private static Map<String, String> settings(DovecotMailSystem mail) {
    return Map.of(
        "keymail.mail.imap-host",
        "127.0.0.1",
        "keymail.mail.imap-port",
        Integer.toString(mail.imapPort()),
        "keymail.mail.imap-security",
        "none",
        "keymail.mail.master-user",
        mail.masterUser(),
        "keymail.mail.master-secret",
        mail.masterSecret(),
        "keymail.mail.smtp-host",
        "127.0.0.1",
        "keymail.mail.smtp-port",
        Integer.toString(mail.smtpPort()),
        "keymail.mail.smtp-security",
        "none");
  }
}
