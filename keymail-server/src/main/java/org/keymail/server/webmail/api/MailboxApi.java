package org.keymail.server.webmail.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.keymail.mail.MailUnavailableException;
import org.keymail.mail.MessageRefusedException;
import org.keymail.mail.imap.FolderInfo;
import org.keymail.mail.imap.Mailbox;
import org.keymail.mail.imap.MessageFlag;
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
 * /api/v1/mail/messages/{uid}/seen?folder=F} does, once the client has shown it. {@code .../flags},
 * {@code .../move}, {@code .../copy}, {@code POST /api/v1/mail/expunge} and {@code POST
 * /api/v1/mail/folders/{name}/messages} change the mailbox as a desktop mail client does over IMAP,
 * for {@code keymail bridge}.
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
      boolean seen,
      List<String> flags) {}

  /** Where a copied or stored message now is: its UID, or null when the server does not say. */
  record StoredJson(String folder, Long uid) {}

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
    onMessage(
        folder,
        uid,
        mailbox -> {
          mailbox.markSeen(folder, uid, true);
          return null;
        });
    return ResponseEntity.noContent().build();
  }

  /**
   * Sets the flags named in {@code add} and clears those in {@code remove} ({@code seen}, {@code
   * answered}, {@code flagged}, {@code deleted}, {@code draft}): a {@code deleted} message stays
   * until {@code POST /api/v1/mail/expunge}.
   */
  @PostMapping("/messages/{uid}/flags")
  ResponseEntity<Void> flags(
      @PathVariable("uid") long uid,
      @RequestParam(name = "folder", defaultValue = "INBOX") String folder,
      @RequestParam(name = "add", required = false) List<String> add,
      @RequestParam(name = "remove", required = false) List<String> remove)
      throws MailApiProblem {
    Set<MessageFlag> added = flagsNamed(add);
    Set<MessageFlag> removed = flagsNamed(remove);
    onMessage(
        folder,
        uid,
        mailbox -> {
          mailbox.flag(folder, uid, added, removed);
          return null;
        });
    return ResponseEntity.noContent().build();
  }

  /** Moves a message to the folder {@code to} (made when missing), flags and all. */
  @PostMapping("/messages/{uid}/move")
  ResponseEntity<Void> move(
      @PathVariable("uid") long uid,
      @RequestParam(name = "folder", defaultValue = "INBOX") String folder,
      @RequestParam(name = "to") String to)
      throws MailApiProblem {
    if (folder.equals(to)) {
      throw new BadRequestException("A message is moved to another folder than its own.");
    }
    onMessage(
        folder,
        uid,
        mailbox -> {
          mailbox.move(folder, uid, to);
          return null;
        });
    return ResponseEntity.noContent().build();
  }

  /** Copies a message to the folder {@code to} (made when missing), flags and all. */
  @PostMapping("/messages/{uid}/copy")
  StoredJson copy(
      @PathVariable("uid") long uid,
      @RequestParam(name = "folder", defaultValue = "INBOX") String folder,
      @RequestParam(name = "to") String to)
      throws MailApiProblem {
    return onMessage(
        folder, uid, mailbox -> new StoredJson(to, mailbox.copy(folder, uid, to).orElse(null)));
  }

  /** Removes for good the messages of a folder flagged {@code deleted}. */
  @PostMapping("/expunge")
  ResponseEntity<Void> expunge(@RequestParam(name = "folder", defaultValue = "INBOX") String folder)
      throws MailApiProblem {
    try {
      mailbox().expunge(folder);
    } catch (MailUnavailableException e) {
      throw new MailApiProblem(Kind.MAIL_UNAVAILABLE, e.getMessage(), e);
    } catch (MessageRefusedException e) {
      throw new MailApiProblem(Kind.NOT_FOUND, "There is no folder " + folder + ".", e);
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * Stores a raw message in a folder (made when missing) with the flags named in {@code flags}, as
   * a mail client saves a draft: byte for byte, as the client made it. Nothing here decrypts or
   * encrypts; a client stores only what may rest on the server as it is.
   */
  @PostMapping(path = "/folders/{name}/messages", consumes = RFC822)
  ResponseEntity<StoredJson> append(
      @PathVariable("name") String name,
      @RequestParam(name = "flags", required = false) List<String> flags,
      InputStream body)
      throws MailApiProblem, IOException {
    Set<MessageFlag> set = flagsNamed(flags);
    Path file = Files.createTempFile("keymail-append", ".eml");
    try {
      try (OutputStream out = Files.newOutputStream(file)) {
        body.transferTo(out);
      }
      if (Files.size(file) == 0) {
        throw new MailApiProblem(Kind.NOT_A_MESSAGE, "Not a message: the body is empty.");
      }
      Optional<Long> uid = mailbox().append(name, file, set);
      return ResponseEntity.status(201).body(new StoredJson(name, uid.orElse(null)));
    } catch (MailUnavailableException e) {
      throw new MailApiProblem(Kind.MAIL_UNAVAILABLE, e.getMessage(), e);
    } catch (MessageRefusedException e) {
      throw new MailApiProblem(
          Kind.MAIL_REFUSED, "Not stored: the mail server refused it: " + e.getMessage() + ".", e);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static Set<MessageFlag> flagsNamed(List<String> names) {
    Set<MessageFlag> flags = EnumSet.noneOf(MessageFlag.class);
    if (names == null) {
      return flags;
    }
    for (String list : names) {
      for (String name : list.split(",", -1)) {
        String flag = name.strip().toUpperCase(Locale.ROOT);
        if (Arrays.stream(MessageFlag.values()).noneMatch(f -> f.name().equals(flag))) {
          throw new BadRequestException(
              "\"" + name + "\" is not a flag: use seen, answered, flagged, deleted or draft.");
        }
        flags.add(MessageFlag.valueOf(flag));
      }
    }
    return flags;
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
        m.seen(),
        m.flags().stream().sorted().map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
  }

  /** One step on message {@code uid} of {@code folder}. */
  @FunctionalInterface
  private interface MessageStep<T> {
    T on(Mailbox mailbox) throws MailUnavailableException, MessageRefusedException;
  }

  /**
   * Runs {@code step} on the user's mailbox, its failures said as the API says them: the mail
   * server unavailable, or no such message in that folder.
   */
  private <T> T onMessage(String folder, long uid, MessageStep<T> step) throws MailApiProblem {
    try {
      return step.on(mailbox());
    } catch (MailUnavailableException e) {
      throw new MailApiProblem(Kind.MAIL_UNAVAILABLE, e.getMessage(), e);
    } catch (MessageRefusedException e) {
      throw new MailApiProblem(
          Kind.NOT_FOUND, "There is no message " + uid + " in " + folder + ".", e);
    }
  }
}
