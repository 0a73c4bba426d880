package org.keymail.mail.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.mail.MessageRefusedException;
import org.keymail.mail.embedded.EmbeddedMailServer;
import org.keymail.mail.imap.Mailbox;
import org.keymail.mail.imap.Mailboxes;
import org.keymail.mail.imap.MessageSummary;
import org.keymail.mail.imap.SecureKind;
import org.keymail.mail.testing.TestMessages;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;

/** Sending through the embedded server's SMTP port, read back over its IMAP port. */
class MailSubmissionTest {

  private static EmbeddedMailServer server;
  private static Mailboxes mailboxes;
  private static MailSubmission submission;

  @TempDir Path files;

  @BeforeAll
  static void start() {
    server = EmbeddedMailServer.start(0, 0);
    mailboxes = new Mailboxes(server.servers(), Clock.systemUTC(), Duration.ofMinutes(5));
    submission = new MailSubmission(server.servers());
  }

  @AfterAll
  static void stop() {
    mailboxes.close();
    server.close();
  }

  private static EmailAddress user(String name) {
    EmailAddress user = EmailAddress.parse(name + "-" + System.nanoTime() + "@example.org");
    server.ensureMailbox(user);
    return user;
  }

  @Test
  void aSignedMessageArrivesWithItsSignedBytesUnchanged() throws Exception {
    TestPki pki = TestPki.create();
    Identity alice = pki.user("alice-" + System.nanoTime() + "@example.org", KeyType.RSA_2048);
    EmailAddress sender = EmailAddress.parse(alice.email());
    server.ensureMailbox(sender);
    EmailAddress bob = user("bob");
    byte[] signed = TestMessages.signed(alice, bob.ascii());

    submission.submit(sender, List.of(bob), TestMessages.file(files, signed));

    Mailbox inbox = mailboxes.of(bob);
    MessageSummary arrived = inbox.page("INBOX", 0, 10).messages().get(0);
    assertThat(arrived.kind()).isEqualTo(SecureKind.SIGNED);
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    inbox.write("INBOX", arrived.uid(), raw);
    byte[] received = raw.toByteArray();
    // The relay adds its trace fields on top, and the embedded one drops the line break after
    // the closing boundary (outside what is signed); the rest arrives unchanged.
    byte[] sent = Arrays.copyOf(signed, signed.length - 2);
    assertThat(received.length).isGreaterThanOrEqualTo(sent.length);
    assertThat(Arrays.copyOfRange(received, received.length - sent.length, received.length))
        .isEqualTo(sent);
  }

  @Test
  void everyEnvelopeRecipientGetsItAndNoBccShows() throws Exception {
    EmailAddress alice = user("alice");
    EmailAddress bob = user("bob");
    EmailAddress hidden = user("hidden");
    byte[] message = TestMessages.plain(alice.ascii(), bob.ascii(), "to two");

    submission.submit(alice, List.of(bob, hidden), TestMessages.file(files, message));

    assertThat(mailboxes.of(bob).page("INBOX", 0, 10).total()).isEqualTo(1);
    Mailbox hiddenBox = mailboxes.of(hidden);
    MessageSummary copy = hiddenBox.page("INBOX", 0, 10).messages().get(0);
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    hiddenBox.write("INBOX", copy.uid(), raw);
    assertThat(raw.toString(StandardCharsets.UTF_8)).doesNotContain(hidden.ascii() + "\r\n\r\n");
    assertThat(raw.toString(StandardCharsets.UTF_8)).doesNotContainIgnoringCase("bcc:");
  }

  @Test
  void aFromOtherThanTheUserIsRefusedAndNothingIsSent() throws Exception {
    EmailAddress alice = user("alice");
    EmailAddress bob = user("bob");
    byte[] forged = TestMessages.plain("ceo@example.org", bob.ascii(), "pay this");

    assertThatThrownBy(
            () -> submission.submit(alice, List.of(bob), TestMessages.file(files, forged)))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessage(
            "keymail sends only as you: the From field must be your address, "
                + alice
                + ", not 'ceo@example.org'");
    assertThat(mailboxes.of(bob).page("INBOX", 0, 10).total()).isZero();
  }

  @Test
  void twoFromAddressesAGroupOrAnotherSenderAreRefused() throws Exception {
    EmailAddress alice = user("alice");
    EmailAddress bob = user("bob");
    String[] heads = {
      "From: " + alice.ascii() + ", ceo@example.org\r\n",
      "From: team: " + alice.ascii() + ";\r\n",
      "From: " + alice.ascii() + "\r\nFrom: " + alice.ascii() + "\r\n",
      "From: " + alice.ascii() + "\r\nSender: ceo@example.org\r\n",
    };
    for (String head : heads) {
      byte[] message =
          (head + "To: " + bob.ascii() + "\r\nSubject: x\r\n\r\nbody\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      assertThatThrownBy(
              () -> submission.submit(alice, List.of(bob), TestMessages.file(files, message)))
          .as(head)
          .isInstanceOf(MessageRefusedException.class)
          .satisfiesAnyOf(
              e -> assertThat(e).hasMessageContaining("this one has 2"),
              e -> assertThat(e).hasMessageContaining("sends only as you"));
    }
    assertThat(mailboxes.of(bob).page("INBOX", 0, 10).total()).isZero();
  }

  @Test
  void aMailboxMadeByADeliveryHasNoGuessablePassword() throws Exception {
    EmailAddress alice = user("alice");
    EmailAddress stranger = EmailAddress.parse("new-" + System.nanoTime() + "@example.org");
    submission.submit(
        alice,
        List.of(stranger),
        TestMessages.file(files, TestMessages.plain(alice.ascii(), stranger.ascii(), "hello")));

    var servers = server.servers();
    try (Mailboxes guessed =
        new Mailboxes(
            new org.keymail.mail.MailServers(
                servers.imap(),
                new org.keymail.mail.MailLogin.PerUser(user -> user.ascii()),
                servers.smtp(),
                java.util.Optional.empty()),
            Clock.systemUTC(),
            Duration.ofMinutes(1))) {
      assertThatThrownBy(() -> guessed.of(stranger).folders())
          .isInstanceOf(org.keymail.mail.MailUnavailableException.class);
    }
    assertThat(mailboxes.of(stranger).page("INBOX", 0, 10).total())
        .as("keymail itself reads it")
        .isEqualTo(1);
  }

  @Test
  void aMessageWithoutRecipientsIsRefused() {
    EmailAddress alice = user("alice");
    assertThatThrownBy(
            () ->
                submission.submit(
                    alice,
                    List.of(),
                    TestMessages.file(files, TestMessages.plain(alice.ascii(), "x@y.org", "s"))))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessage("a message needs at least one recipient");
  }
}
