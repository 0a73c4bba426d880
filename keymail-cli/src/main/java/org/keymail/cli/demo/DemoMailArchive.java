package org.keymail.cli.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.keymail.cli.CliFailure;
import org.keymail.mail.MailUnavailableException;
import org.keymail.mail.MessageRefusedException;
import org.keymail.mail.imap.FolderRole;
import org.keymail.mail.imap.Mailbox;
import org.keymail.mail.imap.Mailboxes;
import org.keymail.mail.imap.MessageSummary;
import org.keymail.smime.address.EmailAddress;

/**
 * The demo's messages, kept in the demo folder: the embedded mail server holds mail in memory only,
 * so every start of the demo puts the messages of its first run back into the people's inboxes and
 * Sent folders, exactly as they were sent (signed and encrypted, byte for byte). Mail sent while
 * the demo runs is not kept: it goes with the embedded mail server when the demo stops.
 *
 * <p>Works on the running server's {@link Mailboxes}, as the webmail does; no access code is
 * needed, since the messages are stored as they are and never opened.
 */
final class DemoMailArchive {

  private static final String INBOX = "INBOX";

  /** Where each kind of folder goes on disk, and whether its messages count as read. */
  private enum Kept {
    INBOX_FOLDER("inbox", false),
    SENT_FOLDER("sent", true);

    private final String folderName;
    private final boolean seen;

    Kept(String folderName, boolean seen) {
      this.folderName = folderName;
      this.seen = seen;
    }

    String onServer(Mailbox mailbox) throws MailUnavailableException {
      return this == INBOX_FOLDER ? INBOX : mailbox.folderFor(FolderRole.SENT);
    }
  }

  private final Path archive;
  private final Mailboxes mailboxes;

  DemoMailArchive(Path archive, Mailboxes mailboxes) {
    this.archive = archive;
    this.mailboxes = mailboxes;
  }

  /** Keeps every message of {@code people}'s inbox and Sent folder, oldest first. */
  void keep(List<DemoPerson> people) throws CliFailure {
    try {
      for (DemoPerson person : people) {
        Mailbox mailbox = mailboxes.of(EmailAddress.parse(person.email()));
        for (Kept kept : Kept.values()) {
          String folder = kept.onServer(mailbox);
          List<MessageSummary> newestFirst =
              mailbox.page(folder, 0, Mailbox.MAX_PAGE_SIZE).messages();
          Path target = Files.createDirectories(folderOf(person, kept));
          for (int i = newestFirst.size() - 1, n = 1; i >= 0; i--, n++) {
            try (OutputStream out = Files.newOutputStream(target.resolve(n + ".eml"))) {
              mailbox.write(folder, newestFirst.get(i).uid(), out);
            }
          }
        }
      }
    } catch (IOException | MailUnavailableException | MessageRefusedException e) {
      throw new CliFailure(
          "cannot keep the demo's messages in " + archive + ": " + e.getMessage(), e);
    }
  }

  /**
   * Puts the kept messages back into the mailboxes of {@code people}, as they were: received mail
   * unread, sent mail read. Returns how many.
   */
  int restore(List<DemoPerson> people) throws CliFailure {
    int restored = 0;
    try {
      for (DemoPerson person : people) {
        Mailbox mailbox = mailboxes.of(EmailAddress.parse(person.email()));
        for (Kept kept : Kept.values()) {
          Path source = folderOf(person, kept);
          if (!Files.isDirectory(source)) {
            continue;
          }
          String folder = kept.onServer(mailbox);
          for (Path message : inOrder(source)) {
            mailbox.append(folder, message, kept.seen);
            restored++;
          }
        }
      }
    } catch (IOException | MailUnavailableException | MessageRefusedException e) {
      throw new CliFailure(
          "cannot put the demo's messages back from " + archive + ": " + e.getMessage(), e);
    }
    return restored;
  }

  /**
   * The UID of the newest message in {@code person}'s inbox whose (outer) subject is {@code
   * subject}, for the commands the demo suggests; empty when there is none or the inbox cannot be
   * read.
   */
  OptionalLong inboxUid(DemoPerson person, String subject) {
    try {
      return mailboxes
          .of(EmailAddress.parse(person.email()))
          .page(INBOX, 0, Mailbox.MAX_PAGE_SIZE)
          .messages()
          .stream()
          .filter(m -> m.subject().equals(subject))
          .mapToLong(MessageSummary::uid)
          .findFirst();
    } catch (MailUnavailableException | MessageRefusedException e) {
      // Only a hint: the suggestions then say 'mail list' without a UID.
      return OptionalLong.empty();
    }
  }

  private Path folderOf(DemoPerson person, Kept kept) {
    return archive.resolve(person.name()).resolve(kept.folderName);
  }

  /** The files 1.eml, 2.eml, … in the order they were kept. */
  private static List<Path> inOrder(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.getFileName().toString().matches("[0-9]+\\.eml"))
          .sorted(
              (a, b) ->
                  Integer.compare(
                      Integer.parseInt(a.getFileName().toString().replace(".eml", "")),
                      Integer.parseInt(b.getFileName().toString().replace(".eml", ""))))
          .toList();
    }
  }
}
