package org.keymail.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.mail.MailServers;
import org.keymail.mail.MailUnavailableException;
import org.keymail.mail.MessageRefusedException;
import org.keymail.mail.testing.TestMessages;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;
import org.keymail.testing.MovableClock;

/**
 * What keymail needs of any IMAP server, run against the embedded one and a real Dovecot: each test
 * uses a mailbox of its own.
 */
abstract class MailboxContract {

  @TempDir Path files;
  final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T09:00:00Z"));
  Mailboxes mailboxes;
  EmailAddress bob;

  /** A user of the server no other test used, whose mailbox exists or will on first login. */
  abstract EmailAddress newUser() throws Exception;

  /** The servers, logging in as keymail does. */
  abstract MailServers servers() throws Exception;

  /** The same servers, but with a login the server refuses. */
  abstract MailServers refusedLogin() throws Exception;

  /** The folder the server flags for {@code role}; keymail's own where it flags none. */
  String expectedFolder(FolderRole role) {
    return role.ownName();
  }

  @BeforeEach
  void open() throws Exception {
    bob = newUser();
    mailboxes = new Mailboxes(servers(), clock, Duration.ofMinutes(5));
  }

  @AfterEach
  void closeAll() {
    mailboxes.close();
  }

  private long store(Mailbox mailbox, String folder, byte[] message) throws Exception {
    return mailbox.append(folder, TestMessages.file(files, message), false).orElseThrow();
  }

  @Test
  void aSignedMessageIsListedAsSignedAndReadBackByteForByte() throws Exception {
    TestPki pki = TestPki.create();
    byte[] signed =
        TestMessages.signed(pki.user("alice@example.org", KeyType.EC_P256), bob.ascii());
    Mailbox mailbox = mailboxes.of(bob);
    long uid = store(mailbox, "INBOX", signed);

    MessagePage page = mailbox.page("INBOX", 0, 20);
    assertThat(page.total()).isEqualTo(1);
    MessageSummary summary = page.messages().get(0);
    assertThat(summary.uid()).isEqualTo(uid);
    assertThat(summary.kind()).isEqualTo(SecureKind.SIGNED);
    assertThat(summary.fromAddress()).contains("alice@example.org");
    assertThat(summary.to()).containsExactly(bob.ascii());
    assertThat(summary.subject()).isEqualTo("keymail test");
    assertThat(summary.size()).isEqualTo(signed.length);
    assertThat(summary.seen()).isFalse();

    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    mailbox.write("INBOX", uid, raw);
    assertThat(raw.toByteArray()).isEqualTo(signed);
    assertThat(mailbox.page("INBOX", 0, 20).messages().get(0).seen())
        .as("reading the raw message does not mark it read")
        .isFalse();
  }

  @Test
  void theListTellsEncryptedAttachedAndPlainApartFromTheStructureOnly() throws Exception {
    Mailbox mailbox = mailboxes.of(bob);
    store(mailbox, "INBOX", TestMessages.plain("carol@example.org", bob.ascii(), "plain"));
    store(mailbox, "INBOX", TestMessages.withAttachment("carol@example.org", bob.ascii()));
    store(mailbox, "INBOX", TestMessages.encrypted("carol@example.org", bob.ascii()));

    List<MessageSummary> list = mailbox.page("INBOX", 0, 10).messages();
    assertThat(list)
        .extracting(MessageSummary::kind, MessageSummary::attachments, MessageSummary::subject)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(SecureKind.ENCRYPTED, false, "outer subject"),
            org.assertj.core.groups.Tuple.tuple(SecureKind.PLAIN, true, "report attached"),
            org.assertj.core.groups.Tuple.tuple(SecureKind.PLAIN, false, "plain"));
  }

  @Test
  void aFolderPagesNewestFirstByRanges() throws Exception {
    Mailbox mailbox = mailboxes.of(bob);
    for (int i = 1; i <= 25; i++) {
      store(mailbox, "INBOX", TestMessages.plain("carol@example.org", bob.ascii(), "message " + i));
    }
    MessagePage first = mailbox.page("INBOX", 0, 10);
    assertThat(first.total()).isEqualTo(25);
    assertThat(first.pages()).isEqualTo(3);
    assertThat(first.hasOlder()).isTrue();
    assertThat(first.messages())
        .extracting(MessageSummary::subject)
        .containsExactly(
            "message 25",
            "message 24",
            "message 23",
            "message 22",
            "message 21",
            "message 20",
            "message 19",
            "message 18",
            "message 17",
            "message 16");
    MessagePage last = mailbox.page("INBOX", 2, 10);
    assertThat(last.messages())
        .extracting(MessageSummary::subject)
        .containsExactly("message 5", "message 4", "message 3", "message 2", "message 1");
    assertThat(last.hasOlder()).isFalse();
    assertThat(mailbox.page("INBOX", 3, 10).messages()).isEmpty();
    assertThatThrownBy(() -> mailbox.page("INBOX", 0, Mailbox.MAX_PAGE_SIZE + 1))
        .isInstanceOf(MessageRefusedException.class);
  }

  @Test
  void foldersAreListedInboxFirstAndMadeWhenMissing() throws Exception {
    Mailbox mailbox = mailboxes.of(bob);
    long uid =
        mailbox
            .append(
                "Sent",
                TestMessages.file(files, TestMessages.plain(bob.ascii(), "x@example.org", "s")),
                true)
            .orElseThrow();
    assertThat(mailbox.folders()).extracting(FolderInfo::name).startsWith("INBOX").contains("Sent");
    assertThat(mailbox.folders())
        .filteredOn(f -> f.name().equals("Sent"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.messages()).isEqualTo(1);
              assertThat(f.unread()).isZero();
            });
    assertThat(mailbox.page("Sent", 0, 5).messages().get(0).uid()).isEqualTo(uid);
  }

  @Test
  void sentDraftsAndTrashAreTheFoldersTheServerFlagsOrKeymailsOwn() throws Exception {
    Mailbox mailbox = mailboxes.of(bob);
    for (FolderRole role : FolderRole.values()) {
      assertThat(mailbox.folderFor(role)).as(role.name()).isEqualTo(expectedFolder(role));
    }
    store(
        mailbox,
        mailbox.folderFor(FolderRole.SENT),
        TestMessages.plain(bob.ascii(), "x@example.org", "sent"));
    store(
        mailbox,
        mailbox.folderFor(FolderRole.DRAFTS),
        TestMessages.plain(bob.ascii(), "x@example.org", "draft"));
    long unwanted =
        store(mailbox, "INBOX", TestMessages.plain("c@example.org", bob.ascii(), "unwanted"));
    mailbox.move("INBOX", unwanted, mailbox.folderFor(FolderRole.TRASH));

    List<FolderInfo> folders = mailbox.folders();
    assertThat(folders)
        .as("no folder of keymail's own next to the server's, listed as mail clients do")
        .extracting(FolderInfo::name)
        .containsExactly(
            "INBOX",
            expectedFolder(FolderRole.DRAFTS),
            expectedFolder(FolderRole.SENT),
            expectedFolder(FolderRole.TRASH));
    assertThat(folders)
        .filteredOn(f -> f.role().isPresent())
        .extracting(FolderInfo::name, f -> f.role().orElseThrow(), FolderInfo::messages)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                expectedFolder(FolderRole.SENT), FolderRole.SENT, 1),
            org.assertj.core.groups.Tuple.tuple(
                expectedFolder(FolderRole.DRAFTS), FolderRole.DRAFTS, 1),
            org.assertj.core.groups.Tuple.tuple(
                expectedFolder(FolderRole.TRASH), FolderRole.TRASH, 1));
  }

  @Test
  void readFlagsAndDeletionWork() throws Exception {
    Mailbox mailbox = mailboxes.of(bob);
    long keep = store(mailbox, "INBOX", TestMessages.plain("c@example.org", bob.ascii(), "keep"));
    long drop = store(mailbox, "INBOX", TestMessages.plain("c@example.org", bob.ascii(), "drop"));
    mailbox.markSeen("INBOX", keep, true);
    mailbox.delete("INBOX", drop);
    MessagePage page = mailbox.page("INBOX", 0, 10);
    assertThat(page.messages()).singleElement().satisfies(m -> assertThat(m.seen()).isTrue());
    assertThat(page.messages().get(0).uid()).isEqualTo(keep);
  }

  @Test
  void everyStandardFlagIsSetAndClearedAndDeletedMessagesGoOnlyOnExpunge() throws Exception {
    Mailbox mailbox = mailboxes.of(bob);
    long keep = store(mailbox, "INBOX", TestMessages.plain("c@example.org", bob.ascii(), "keep"));
    long drop = store(mailbox, "INBOX", TestMessages.plain("c@example.org", bob.ascii(), "drop"));
    mailbox.flag(
        "INBOX",
        keep,
        EnumSet.of(MessageFlag.FLAGGED, MessageFlag.ANSWERED, MessageFlag.SEEN),
        Set.of());
    mailbox.flag("INBOX", keep, Set.of(MessageFlag.DRAFT), Set.of(MessageFlag.SEEN));
    mailbox.flag("INBOX", drop, Set.of(MessageFlag.DELETED), Set.of());

    MessagePage before = mailbox.page("INBOX", 0, 10);
    assertThat(before.total()).as("deleted is only a mark until expunged").isEqualTo(2);
    assertThat(before.messages())
        .extracting(MessageSummary::uid, MessageSummary::flags)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(drop, Set.of(MessageFlag.DELETED)),
            org.assertj.core.groups.Tuple.tuple(
                keep, Set.of(MessageFlag.FLAGGED, MessageFlag.ANSWERED, MessageFlag.DRAFT)));

    mailbox.expunge("INBOX");
    assertThat(mailbox.page("INBOX", 0, 10).messages())
        .extracting(MessageSummary::uid)
        .containsExactly(keep);
  }

  @Test
  void aCopyKeepsItsBytesAndFlagsAndTheOriginalStays() throws Exception {
    Mailbox mailbox = mailboxes.of(bob);
    byte[] plain = TestMessages.plain("c@example.org", bob.ascii(), "copied");
    long original = store(mailbox, "INBOX", plain);
    mailbox.flag("INBOX", original, Set.of(MessageFlag.FLAGGED), Set.of());

    long copy = mailbox.copy("INBOX", original, "Archive").orElseThrow();

    assertThat(mailbox.page("INBOX", 0, 10).total()).isEqualTo(1);
    assertThat(mailbox.page("Archive", 0, 10).messages())
        .singleElement()
        .satisfies(m -> assertThat(m.flags()).containsExactly(MessageFlag.FLAGGED));
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    mailbox.write("Archive", copy, raw);
    assertThat(raw.toByteArray()).isEqualTo(plain);
  }

  @Test
  void anAppendedMessageCarriesItsFlags() throws Exception {
    Mailbox mailbox = mailboxes.of(bob);
    mailbox.append(
        "Drafts",
        TestMessages.file(files, TestMessages.plain(bob.ascii(), "c@example.org", "draft")),
        EnumSet.of(MessageFlag.DRAFT, MessageFlag.SEEN));
    assertThat(mailbox.page("Drafts", 0, 10).messages())
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.flags())
                    .containsExactlyInAnyOrder(MessageFlag.DRAFT, MessageFlag.SEEN));
  }

  @Test
  void eachFolderCountsItsMessagesAndTheUnreadOnes() throws Exception {
    Mailbox mailbox = mailboxes.of(bob);
    long read = store(mailbox, "INBOX", TestMessages.plain("c@example.org", bob.ascii(), "read"));
    store(mailbox, "INBOX", TestMessages.plain("c@example.org", bob.ascii(), "new 1"));
    store(mailbox, "INBOX", TestMessages.plain("c@example.org", bob.ascii(), "new 2"));
    mailbox.markSeen("INBOX", read, true);
    store(mailbox, "Archive", TestMessages.plain("c@example.org", bob.ascii(), "old"));
    long seen = store(mailbox, "Archive", TestMessages.plain("c@example.org", bob.ascii(), "seen"));
    mailbox.markSeen("Archive", seen, true);

    assertThat(mailbox.folders())
        .filteredOn(f -> f.name().equals("INBOX") || f.name().equals("Archive"))
        .extracting(FolderInfo::name, FolderInfo::messages, FolderInfo::unread)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("INBOX", 3, 2),
            org.assertj.core.groups.Tuple.tuple("Archive", 2, 1));
  }

  @Test
  void aMovedMessageKeepsItsBytesAndFlagsAndLeavesItsFolder() throws Exception {
    assertMoves((mailbox, uid) -> mailbox.move("INBOX", uid, "Trash"));
  }

  @Test
  void withoutMoveAMessageIsCopiedAndTheOriginalRemoved() throws Exception {
    assertMoves((mailbox, uid) -> mailbox.moveByCopy("INBOX", uid, "Trash"));
  }

  private interface Move {
    void move(Mailbox mailbox, long uid) throws Exception;
  }

  private void assertMoves(Move move) throws Exception {
    TestPki pki = TestPki.create();
    byte[] signed =
        TestMessages.signed(pki.user("alice@example.org", KeyType.EC_P256), bob.ascii());
    Mailbox mailbox = mailboxes.of(bob);
    long stays = store(mailbox, "INBOX", TestMessages.plain("c@example.org", bob.ascii(), "stays"));
    long moved = store(mailbox, "INBOX", signed);
    mailbox.markSeen("INBOX", moved, true);

    move.move(mailbox, moved);

    assertThat(mailbox.page("INBOX", 0, 10).messages())
        .extracting(MessageSummary::uid)
        .containsExactly(stays);
    MessageSummary inTrash = mailbox.page("Trash", 0, 10).messages().getFirst();
    assertThat(mailbox.page("Trash", 0, 10).total()).isEqualTo(1);
    assertThat(inTrash.seen()).as("the flags move along").isTrue();
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    mailbox.write("Trash", inTrash.uid(), raw);
    assertThat(raw.toByteArray()).isEqualTo(signed);
    assertThatThrownBy(() -> move.move(mailbox, moved))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessage("there is no message " + moved + " in INBOX");
  }

  @Test
  void aMissingFolderOrMessageIsRefusedClearly() {
    Mailbox mailbox = mailboxes.of(bob);
    assertThatThrownBy(() -> mailbox.page("No such folder", 0, 10))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessage("there is no folder named No such folder");
    assertThatThrownBy(() -> mailbox.write("INBOX", 999_999, new ByteArrayOutputStream()))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessage("there is no message 999999 in INBOX");
  }

  @Test
  void oneConnectionPerUserIsReusedAndClosedWhenIdle() throws Exception {
    Mailbox mailbox = mailboxes.of(bob);
    mailbox.folders();
    mailbox.page("INBOX", 0, 10);
    mailboxes.of(bob).page("INBOX", 0, 10);
    assertThat(mailboxes.openConnections()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(6));
    mailboxes.closeIdle();
    assertThat(mailboxes.openConnections()).isZero();
    assertThat(mailboxes.of(bob).page("INBOX", 0, 10).total())
        .as("the next use logs in again")
        .isZero();
    assertThat(mailboxes.openConnections()).isEqualTo(1);
  }

  @Test
  void aRefusedLoginIsAClearErrorWithoutTheSecret() throws Exception {
    try (Mailboxes refused = new Mailboxes(refusedLogin(), clock, Duration.ofMinutes(5))) {
      assertThatThrownBy(() -> refused.of(bob).folders())
          .isInstanceOf(MailUnavailableException.class)
          .hasMessageContaining("refused keymail's login for " + bob)
          .hasMessageNotContaining("wrong-secret");
    }
  }
}
