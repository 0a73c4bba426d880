package org.keymail.server.webmail.read;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.keymail.mail.MailUnavailableException;
import org.keymail.mail.MessageRefusedException;
import org.keymail.mail.imap.FolderInfo;
import org.keymail.mail.imap.Mailbox;
import org.keymail.mail.imap.MessagePage;
import org.keymail.mail.imap.MessageSummary;
import org.keymail.mail.imap.SecureKind;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The webmail's landing page: the folders in a side pane (Inbox first, with their unread counts)
 * and one page of a folder's messages, newest first. Everything shown comes from the outer header
 * and structure the IMAP server describes: the list never decrypts or verifies anything.
 */
@Controller
class FolderPages {

  /** Messages on one page of the list. */
  static final int PAGE_SIZE = 25;

  static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final UserMailboxes mailboxes;

  FolderPages(UserMailboxes mailboxes) {
    this.mailboxes = mailboxes;
  }

  @GetMapping("/mail")
  String inbox(@RequestParam(name = "page", defaultValue = "1") String page, Model model) {
    return folder("INBOX", page, model);
  }

  @GetMapping("/mail/folder/{name}")
  String folder(
      @PathVariable("name") String name,
      @RequestParam(name = "page", defaultValue = "1") String page,
      Model model) {
    model.addAttribute("folder", name);
    model.addAttribute("folderLabel", label(name));
    model.addAttribute("folders", List.of());
    model.addAttribute("messages", List.of());
    int number;
    try {
      number = Integer.parseInt(page.strip());
    } catch (NumberFormatException e) {
      number = 0;
    }
    if (number < 1) {
      model.addAttribute(
          "problem", "There is no page \"" + page + "\": pages are numbered from 1.");
      number = 1;
    }
    Mailbox mailbox = mailboxes.of(mailboxes.reader());
    try {
      List<FolderInfo> folders = mailbox.folders();
      model.addAttribute("folders", folders.stream().map(FolderLine::of).toList());
      MessagePage messages = mailbox.page(name, number - 1, PAGE_SIZE);
      model.addAttribute("messages", messages.messages().stream().map(FolderPages::line).toList());
      model.addAttribute("page", number);
      model.addAttribute("pages", messages.pages());
      model.addAttribute("total", messages.total());
      model.addAttribute("newer", number > 1 ? number - 1 : null);
      model.addAttribute("older", messages.hasOlder() ? number + 1 : null);
    } catch (MailUnavailableException e) {
      model.addAttribute("problem", e.getMessage());
    } catch (MessageRefusedException e) {
      model.addAttribute("problem", "This folder cannot be shown: " + e.getMessage() + ".");
    }
    return "mail-folder";
  }

  /**
   * What a folder is called on screen: its name on the server, also for the server's Sent, Drafts
   * and Trash ("Sent Messages", "Deleted Items"). Thunderbird and Outlook show those names too, so
   * the user finds the same folder under the same name in every client, and one left over from
   * before (keymail's own "Sent") is never shown under the same name as the server's.
   */
  static String label(String folder) {
    return folder.equalsIgnoreCase("INBOX") ? "Inbox" : folder;
  }

  private static MessageLine line(MessageSummary m) {
    return new MessageLine(
        m.uid(),
        m.from(),
        m.fromAddress().orElse(""),
        m.subject().isBlank() ? "(no subject)" : m.subject(),
        DATE.format(m.date()),
        size(m.size()),
        m.kind() == SecureKind.SIGNED,
        m.kind() == SecureKind.ENCRYPTED,
        m.attachments(),
        m.seen());
  }

  /** A size as people read it: bytes, KB or MB. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return (bytes + 512) / 1024 + " KB";
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  /**
   * A folder in the side pane.
   *
   * @param role "drafts", "sent" or "trash" for the folders keymail uses as such, else empty
   */
  record FolderLine(String name, String label, int messages, int unread, String role) {

    static FolderLine of(FolderInfo folder) {
      return new FolderLine(
          folder.name(),
          FolderPages.label(folder.name()),
          folder.messages(),
          folder.unread(),
          folder.role().map(r -> r.name().toLowerCase(Locale.ROOT)).orElse(""));
    }
  }

  /** A message in the list, from its outer header only. */
  record MessageLine(
      long uid,
      String from,
      String fromAddress,
      String subject,
      String date,
      String size,
      boolean signed,
      boolean encrypted,
      boolean attachments,
      boolean seen) {}
}
