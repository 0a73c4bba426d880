package org.keymail.mail.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.mail.imap.Mailbox;
import org.keymail.mail.imap.Mailboxes;
import org.keymail.mail.imap.MessageSummary;
import org.keymail.mail.submit.MailSubmission;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;

/**
 * The test mail system delivers what keymail submits: a signed message, with a line that starts
 * with a dot, arrives byte for byte in the INBOX of the To recipient and of the Bcc recipient, who
 * is in the envelope only; the sender's own mailbox gets nothing.
 */
class DovecotMailSystemTest {

  @TempDir Path files;

  @Test
  void aSubmittedMessageArrivesByteForByteInEveryRecipientsInbox() throws Exception {
    EmailAddress alice = EmailAddress.parse("alice@example.org");
    EmailAddress bob = EmailAddress.parse("bob@example.org");
    EmailAddress carol = EmailAddress.parse("carol@example.org");
    byte[] signed =
        TestMessages.signed(TestPki.create().user(alice.ascii(), KeyType.EC_P256), bob.ascii());
    String text = new String(signed, StandardCharsets.ISO_8859_1);
    // A line starting with a dot travels dot-stuffed and must arrive as it was.
    byte[] message =
        text.replaceFirst("\r\n\r\n", "\r\n\r\n.starts with a dot\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    try (DovecotMailSystem mail =
            DovecotMailSystem.start(List.of(alice.ascii(), bob.ascii(), carol.ascii()));
        Mailboxes mailboxes =
            new Mailboxes(mail.servers(), Clock.systemUTC(), Duration.ofMinutes(1))) {
      new MailSubmission(mail.servers())
          .submit(alice, List.of(bob, carol), TestMessages.file(files, message));

      assertThat(inbox(mailboxes.of(bob))).containsExactly(message);
      assertThat(inbox(mailboxes.of(carol))).as("the Bcc recipient").containsExactly(message);
      assertThat(inbox(mailboxes.of(alice))).isEmpty();
    }
  }

  private static List<byte[]> inbox(Mailbox mailbox) throws Exception {
    List<MessageSummary> messages = mailbox.page("INBOX", 0, 10).messages();
    List<byte[]> all = new java.util.ArrayList<>();
    for (MessageSummary summary : messages) {
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      mailbox.write("INBOX", summary.uid(), raw);
      all.add(raw.toByteArray());
    }
    return all;
  }
}
