package org.keymail.server.webmail.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.mail.MailLogin;
import org.keymail.mail.MailServers;
import org.keymail.mail.MailServers.Endpoint;
import org.keymail.mail.MailServers.Security;
import org.keymail.mail.imap.Mailboxes;
import org.keymail.mail.testing.Dovecot;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.webmail.BrowserSession;
import org.keymail.server.webmail.MailFixtures;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.testing.Identity;

/**
 * The webmail reads through a real IMAP server: keymail configured against a throwaway Dovecot,
 * logging in to the user's mailbox as its master user, lists the inbox, reads a signed message with
 * its verdict, marks it read and moves it to Trash; a mailbox Dovecot refuses is a sentence on the
 * page.
 */
class DovecotReadingTest {

  @TempDir Path folder;

  @Test
  void theInboxOfADovecotMailboxIsListedReadAndCleared() throws Exception {
    String secret = "master-" + System.nanoTime();
    try (Dovecot dovecot =
        Dovecot.start(
            // Dovecot's own processes must reach it: not under the test's private folder.
            Files.createTempDirectory("keymail-dovecot"),
            secret,
            List.of("bob@example.org", "alice@example.org", "admin@keymail.localhost"))) {
      Endpoint imap = new Endpoint("127.0.0.1", dovecot.port(), Security.NONE);
      try (Organisation organisation =
              Organisation.start(
                  "H2",
                  Map.of(
                      "keymail.mail.imap-host",
                      "127.0.0.1",
                      "keymail.mail.imap-port",
                      Integer.toString(dovecot.port()),
                      "keymail.mail.imap-security",
                      "none",
                      "keymail.mail.master-user",
                      Dovecot.MASTER,
                      "keymail.mail.master-secret",
                      secret));
          Mailboxes mail =
              new Mailboxes(
                  new MailServers(
                      imap, new MailLogin.Proxy(Dovecot.MASTER, secret), imap, Optional.empty()),
                  Clock.systemUTC(),
                  Duration.ofMinutes(1))) {
        ApiClient bob = organisation.user("bob@example.org");
        ApiClient alice = organisation.user("alice@example.org");
        Identity alices = MailFixtures.organisationIdentity(alice, "alice@example.org");
        Path message =
            Files.write(
                folder.resolve("signed.eml"),
                MailFixtures.signed(
                    MailFixtures.text(
                        "Alice <alice@example.org>",
                        "bob@example.org",
                        "Through Dovecot",
                        "Read over IMAP."),
                    alices));
        mail.of(EmailAddress.parse("bob@example.org")).append("INBOX", message, false);
        BrowserSession browser =
            new BrowserSession(
                organisation.server(), bob.unlockInABrowserSession(Organisation.ACCESS_CODE));

        String inbox = browser.get("/mail").body();
        assertThat(inbox).contains("Through Dovecot").contains("aria-label=\"1 unread\"");
        String link = WebmailReadingTest.links(inbox).get("Through Dovecot");
        assertThat(browser.get(link).body())
            .contains(VerdictView.TRUSTED)
            .contains("Read over IMAP.");
        assertThat(browser.get("/mail").body()).doesNotContain("aria-label=\"1 unread\"");

        assertThat(browser.post(link + "/delete").statusCode()).isEqualTo(302);
        assertThat(browser.get("/mail").body()).doesNotContain("Through Dovecot");
        assertThat(browser.get("/mail/folder/Trash").body()).contains("Through Dovecot");

        // A mailbox the IMAP server refuses: said on the page, not an error.
        ApiClient carol = organisation.user("carol@example.org");
        HttpResponse<String> refused =
            new BrowserSession(
                    organisation.server(), carol.unlockInABrowserSession(Organisation.ACCESS_CODE))
                .get("/mail");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
            .contains(
                "The mail server refused keymail&#39;s login for carol@example.org; an"
                    + " administrator must check keymail&#39;s mail settings.");
      }
    }
  }
}
