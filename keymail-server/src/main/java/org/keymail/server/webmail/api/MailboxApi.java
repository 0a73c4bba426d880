package org.keymail.server.webmail.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.keymail.mail.MailUnavailableException;
import org.keymail.mail.MessageRefusedException;
import org.keymail.mail.imap.FolderInfo;
import org.keymail.mail.imap.Mailbox;
import org.keymail.mail.imap.MessagePage;
import org.keymail.mail.imap.MessageSummary;
import org.keymail.mail.imap.SecureKind;
import org.keymail.server.web.BadRequestException;
import org.keymail.server.webmail.api.MailApiProblem.Kind;
import org.keymail.server.webmail.read.UserMailboxes;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/mail/folders}, {@code /api/v1/mail/messages?folder=F&page=N} and {@code
 * /api/v1/mail/messages/{uid}?folder=F}: the signed-in user's folders, a page of a folder newest
 * first from the outer header and structure only (nothing is decrypted or verified here), and one
 * message's raw RFC 822 bytes exactly as the mail server holds them, for the client to decrypt and
 * verify itself. Fetching a message does not mark it read; {@code POST
 * /api/v1/mail/messages/{uid}/seen?folder=F} does, once the client has shown it.
 */
@RestController
@RequestMapping("/api/v1/mail")
class MailboxApi {

  /** The media type of a raw message. */
  static final String RFC822 = "message/rfc822";

  static final int DEFAULT_PAGE_SIZE = 25;

  private final UserMailboxes mailboxes;

  MailboxApi(UserMailboxes mailboxes) {
    this.mailboxes = mailboxes;
  }

  /**
   * A folder.
   *
   * @param role {@code sent}, {@code drafts} or {@code trash} where keymail uses it so, else null
   */
  record FolderJson(String name, String role, int messages, int unseen) {}

  /** A message in a list, from its outer header and structure. */
  record MessageJson(
      long uid,
      String from,
      String fromAddress,
      List<String> to,
      String subject,
      Instant date,
      long size,
      boolean signed,
      boolean encrypted,
      boolean attachments,
      boolean seen) {}

  /** One page of a folder, newest first; pages are numbered from 1. */
  record PageJson(String folder, int page, int pages, int total, List<MessageJson> messages) {}

  @GetMapping("/folders")
  List<FolderJson> folders() throws MailApiProblem {
    try {
      return mailbox().folders().stream().map(MailboxApi::json).toList();
    } catch (MailUnavailableException e) {
      throw new MailApiProblem(Kind.MAIL_UNAVAILABLE, e.getMessage(), e);
    }
  }

  @GetMapping("/messages")
  PageJson messages(
      @RequestParam(name = "folder", defaultValue = "INBOX") String folder,
      @RequestParam(name = "page", defaultValue = "1") int page,
      @RequestParam(name = "size", defaultValue = "" + DEFAULT_PAGE_SIZE) int size)
      throws MailApiProblem {
    if (page < 1 || size < 1 || size > Mailbox.MAX_PAGE_SIZE) {
      throw new BadRequestException(
          "Pages are numbered from 1 and hold 1 to " + Mailbox.MAX_PAGE_SIZE + " messages.");
    }
    try {
      MessagePage messages = mailbox().page(folder, page - 1, size);
      return new PageJson(
          folder,
          page,
          messages.pages(),
          messages.total(),
          messages.messages().stream().map(MailboxApi::json).toList());
    } catch (MailUnavailableException e) {
      throw new MailApiProblem(Kind.MAIL_UNAVAILABLE, e.getMessage(), e);
    } catch (MessageRefusedException e) {
      throw new MailApiProblem(Kind.NOT_FOUND, "There is no folder " + folder + ".", e);
    }
  }

  @GetMapping("/messages/{uid}")
  ResponseEntity<byte[]> message(
      @PathVariable("uid") long uid,
      @RequestParam(name = "folder", defaultValue = "INBOX") String folder)
      throws MailApiProblem, IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try {
      mailbox().write(folder, uid, raw);
    } catch (MailUnavailableException e) {
      throw new MailApiProblem(Kind.MAIL_UNAVAILABLE, e.getMessage(), e);
    } catch (MessageRefusedException e) {
      throw new MailApiProblem(
          Kind.NOT_FOUND, "There is no message " + uid + " in " + folder + ".", e);
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(RFC822))
        .body(raw.toByteArray());
  }

  /** Marks a message read, once the client has shown it. */
  @PostMapping("/messages/{uid}/seen")
  ResponseEntity<Void> seen(
      @PathVariable("uid") long uid,
      @RequestParam(name = "folder", defaultValue = "INBOX") String folder)
      throws MailApiProblem {
    try {
      mailbox().markSeen(folder, uid, true);
    } catch (MailUnavailableException e) {
      throw new MailApiProblem(Kind.MAIL_UNAVAILABLE, e.getMessage(), e);
    } catch (MessageRefusedException e) {
      throw new MailApiProblem(
          Kind.NOT_FOUND, "There is no message " + uid + " in " + folder + ".", e);
    }
    return ResponseEntity.noContent().build();
  }

  private Mailbox mailbox() {
    return mailboxes.of(mailboxes.reader());
  }

  private static FolderJson json(FolderInfo folder) {
    return new FolderJson(
        folder.name(),
        folder.role().map(r -> r.name().toLowerCase(Locale.ROOT)).orElse(null),
        folder.messages(),
        folder.unread());
  }

  private static MessageJson json(MessageSummary m) {
    return new MessageJson(
        m.uid(),
        m.from(),
        m.fromAddress().orElse(null),
        m.to(),
        m.subject(),
        m.date(),
        m.size(),
        m.kind() == SecureKind.SIGNED,
        m.kind() == SecureKind.ENCRYPTED,
        m.attachments(),
        m.seen());
  }
}
