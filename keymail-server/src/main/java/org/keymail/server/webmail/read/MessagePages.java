package org.keymail.server.webmail.read;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.keymail.mail.MailUnavailableException;
import org.keymail.mail.MessageRefusedException;
import org.keymail.mail.imap.FolderRole;
import org.keymail.mail.imap.Mailbox;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.webmail.contacts.ContactBook;
import org.keymail.server.webmail.read.MessageParts.Attachment;
import org.keymail.server.webmail.read.UserMailboxes.Reader;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.read.Layer;
import org.keymail.smime.verdict.Verdict;
import org.keymail.vault.contacts.ContactSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Reading one message: the page (header, verdict banner, body, attachments), its HTML body in a
 * sandboxed frame of its own, attachment downloads, the raw message, deleting it to Trash and
 * adding its signer to the contacts. An encrypted message shows only its outer header until the
 * keys are open; nothing a message holds can make these pages fail.
 */
@Controller
class MessagePages {

  private final UserMailboxes mailboxes;
  private final MessageOpening opening;
  private final ReadingTrust trust;
  private final ContactBook contacts;
  private final Clock clock;

  MessagePages(
      UserMailboxes mailboxes,
      MessageOpening opening,
      ReadingTrust trust,
      ContactBook contacts,
      @Qualifier("keymailClock") Clock clock) {
    this.mailboxes = mailboxes;
    this.opening = opening;
    this.trust = trust;
    this.contacts = contacts;
    this.clock = clock;
  }

  @GetMapping("/mail/folder/{name}/{uid}")
  String read(
      @PathVariable("name") String folder,
      @PathVariable("uid") String uidText,
      @RequestParam(name = "remote", required = false) String remote,
      Model model) {
    Reader reader = mailboxes.reader();
    model.addAttribute("folder", folder);
    model.addAttribute("folderLabel", FolderPages.label(folder));
    model.addAttribute("folders", List.of());
    Optional<Long> uid = uid(uidText);
    if (uid.isEmpty()) {
      model.addAttribute("problem", "There is no message \"" + uidText + "\" in this folder.");
      return "mail-message";
    }
    model.addAttribute("uid", uid.get());
    Mailbox mailbox = mailboxes.of(reader);
    try {
      model.addAttribute(
          "folders", mailbox.folders().stream().map(FolderPages.FolderLine::of).toList());
    } catch (MailUnavailableException e) {
      model.addAttribute("problem", e.getMessage());
      return "mail-message";
    }
    try (OpenedMessage message = opening.open(reader, folder, uid.get(), SignedIn.unlockToken())) {
      model.addAttribute("state", message.state().name());
      message.header().ifPresent(h -> model.addAttribute("header", h));
      message.problem().ifPresent(p -> model.addAttribute("problem", p));
      model.addAttribute("notes", message.notes());
      if (message.state() == OpenedMessage.State.READ) {
        Optional<Verdict> verdict = message.verdict();
        verdict.ifPresent(
            v -> {
              VerdictView view = VerdictView.of(v, trust, clock.instant());
              model.addAttribute("verdict", view);
              // Every validly signed message brings its signer's certificate to the contacts.
              contacts.keep(
                  reader.userId(),
                  v,
                  message.header().flatMap(OuterHeader::fromAddress),
                  message.header().flatMap(OuterHeader::fromName),
                  ContactSource.COLLECTED);
            });
        message.encryption().ifPresent(e -> model.addAttribute("encryption", encrypted(e)));
        MessageParts parts = message.parts().orElseThrow();
        parts.text().ifPresent(t -> model.addAttribute("bodyText", t));
        parts
            .html()
            .ifPresent(
                h -> {
                  boolean show = "show".equals(remote);
                  model.addAttribute("bodyHtml", true);
                  model.addAttribute("remoteShown", show);
                  model.addAttribute("remoteCount", HtmlBody.sanitise(h, show).remote());
                });
        model.addAttribute("attachments", parts.attachments());
        markSeen(mailbox, folder, uid.get());
      }
    } catch (MailUnavailableException e) {
      model.addAttribute("problem", e.getMessage());
    } catch (MessageRefusedException e) {
      model.addAttribute("problem", "This message cannot be shown: " + e.getMessage() + ".");
    } catch (IOException e) {
      model.addAttribute(
          "problem", "The message could not be fetched from the mail server; try again.");
    }
    return "mail-message";
  }

  /** The HTML body, sanitised, for the page's sandboxed frame, under its own strict policy. */
  @GetMapping("/mail/folder/{name}/{uid}/body")
  void body(
      @PathVariable("name") String folder,
      @PathVariable("uid") String uidText,
      @RequestParam(name = "remote", required = false) String remote,
      HttpServletResponse response)
      throws IOException {
    boolean show = "show".equals(remote);
    String html = "<!DOCTYPE html><html><body></body></html>";
    Optional<Long> uid = uid(uidText);
    if (uid.isPresent()) {
      try (OpenedMessage message =
          opening.open(mailboxes.reader(), folder, uid.get(), SignedIn.unlockToken())) {
        Optional<String> received = message.parts().flatMap(MessageParts::html);
        if (received.isPresent()) {
          html = HtmlBody.sanitise(received.get(), show).html();
        }
      } catch (MailUnavailableException | MessageRefusedException e) {
        html = "<!DOCTYPE html><html><body><p>This message cannot be shown.</p></body></html>";
      }
    }
    response.setHeader("Content-Security-Policy", HtmlBody.policy(show));
    response.setHeader("X-Frame-Options", "SAMEORIGIN");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentType("text/html;charset=UTF-8");
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /** An attachment, byte for byte as the sender attached it, always as a download. */
  @GetMapping("/mail/folder/{name}/{uid}/attachment/{number}")
  String attachment(
      @PathVariable("name") String folder,
      @PathVariable("uid") String uidText,
      @PathVariable("number") int number,
      HttpServletResponse response,
      RedirectAttributes redirect)
      throws IOException {
    Optional<Long> uid = uid(uidText);
    if (uid.isEmpty()) {
      return "redirect:/mail/folder/{name}";
    }
    try (OpenedMessage message =
        opening.open(mailboxes.reader(), folder, uid.get(), SignedIn.unlockToken())) {
      Optional<Attachment> attachment =
          message
              .parts()
              .flatMap(p -> p.attachments().stream().filter(a -> a.number() == number).findFirst());
      if (attachment.isEmpty()) {
        redirect.addFlashAttribute(
            "problem",
            message.state() == OpenedMessage.State.LOCKED
                ? "Unlock your keys to download the attachments of an encrypted message."
                : "This message has no attachment " + number + ".");
        return "redirect:/mail/folder/{name}/{uid}";
      }
      download(response, attachment.get().name());
      try (InputStream in = attachment.get().part().getInputStream();
          OutputStream out = response.getOutputStream()) {
        in.transferTo(out);
      } catch (jakarta.mail.MessagingException e) {
        response.reset();
        redirect.addFlashAttribute("problem", "This attachment is damaged and cannot be saved.");
        return "redirect:/mail/folder/{name}/{uid}";
      }
      return null;
    } catch (MailUnavailableException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
      return "redirect:/mail/folder/{name}/{uid}";
    } catch (MessageRefusedException e) {
      return "redirect:/mail/folder/{name}";
    }
  }

  /** The message as the mail server holds it, as a .eml download: even one keymail cannot read. */
  @GetMapping("/mail/folder/{name}/{uid}/raw")
  String raw(
      @PathVariable("name") String folder,
      @PathVariable("uid") String uidText,
      HttpServletResponse response,
      RedirectAttributes redirect)
      throws IOException {
    Optional<Long> uid = uid(uidText);
    if (uid.isEmpty()) {
      return "redirect:/mail/folder/{name}";
    }
    Path file = Files.createTempFile("keymail-raw-", ".eml");
    try {
      try (OutputStream out = Files.newOutputStream(file)) {
        opening.writeRaw(mailboxes.reader(), folder, uid.get(), out);
      }
      download(response, "message-" + uid.get() + ".eml");
      response.setContentLengthLong(Files.size(file));
      try (OutputStream out = response.getOutputStream()) {
        Files.copy(file, out);
      }
      return null;
    } catch (MailUnavailableException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
      return "redirect:/mail/folder/{name}/{uid}";
    } catch (MessageRefusedException e) {
      return "redirect:/mail/folder/{name}";
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * Moves the message to the Trash folder, the server's own when it flags one (deletes it for good
   * when it is in that folder already).
   */
  @PostMapping("/mail/folder/{name}/{uid}/delete")
  String delete(
      @PathVariable("name") String folder,
      @PathVariable("uid") String uidText,
      RedirectAttributes redirect) {
    Optional<Long> uid = uid(uidText);
    if (uid.isEmpty()) {
      return "redirect:/mail/folder/{name}";
    }
    Mailbox mailbox = mailboxes.of(mailboxes.reader());
    try {
      String trash = mailbox.folderFor(FolderRole.TRASH);
      boolean inTrash = folder.equalsIgnoreCase(trash);
      if (inTrash) {
        mailbox.delete(folder, uid.get());
      } else {
        mailbox.move(folder, uid.get(), trash);
      }
      redirect.addFlashAttribute(
          "notice",
          inTrash
              ? "The message was deleted."
              : "The message was moved to " + FolderPages.label(trash) + ".");
      return "redirect:/mail/folder/{name}";
    } catch (MailUnavailableException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
      return "redirect:/mail/folder/{name}/{uid}";
    } catch (MessageRefusedException e) {
      redirect.addFlashAttribute("problem", "The message is gone already.");
      return "redirect:/mail/folder/{name}";
    }
  }

  /** Adds the signer of a validly signed message to the contacts. */
  @PostMapping("/mail/folder/{name}/{uid}/contact")
  String addContact(
      @PathVariable("name") String folder,
      @PathVariable("uid") String uidText,
      RedirectAttributes redirect)
      throws IOException {
    Optional<Long> uid = uid(uidText);
    if (uid.isEmpty()) {
      return "redirect:/mail/folder/{name}";
    }
    Reader reader = mailboxes.reader();
    try (OpenedMessage message = opening.open(reader, folder, uid.get(), SignedIn.unlockToken())) {
      Optional<Verdict> verdict = message.verdict();
      List<EmailAddress> kept =
          verdict
              .map(
                  v ->
                      contacts.keep(
                          reader.userId(),
                          v,
                          message.header().flatMap(OuterHeader::fromAddress),
                          message.header().flatMap(OuterHeader::fromName),
                          ContactSource.ADDED))
              .orElse(List.of());
      if (kept.isEmpty()) {
        redirect.addFlashAttribute(
            "problem",
            message.state() == OpenedMessage.State.LOCKED
                ? "Unlock your keys first: this message is encrypted."
                : "Only the signer of a valid signature can be added to the contacts.");
        return "redirect:/mail/folder/{name}/{uid}";
      }
      redirect.addFlashAttribute(
          "notice",
          String.join(", ", kept.stream().map(EmailAddress::unicode).toList())
              + " added to your contacts.");
      return "redirect:/mail/contacts";
    } catch (MailUnavailableException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
      return "redirect:/mail/folder/{name}/{uid}";
    } catch (MessageRefusedException e) {
      return "redirect:/mail/folder/{name}";
    }
  }

  private static void markSeen(Mailbox mailbox, String folder, long uid) {
    try {
      mailbox.markSeen(folder, uid, true);
    } catch (MailUnavailableException | MessageRefusedException e) {
      // Shown anyway; it stays unread in the list until the server takes the flag.
    }
  }

  private static String encrypted(Layer.Encrypted layer) {
    return "Encrypted to you; opened with your key of the certificate "
        + CertificateNames.subject(layer.decryptedWith())
        + ".";
  }

  private static void download(HttpServletResponse response, String name) {
    response.setContentType("application/octet-stream");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader(
        "Content-Disposition",
        ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString());
  }

  private static Optional<Long> uid(String text) {
    try {
      long uid = Long.parseLong(text.strip());
      return uid > 0 ? Optional.of(uid) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
