package org.keymail.server.webmail.compose;

import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.keymail.server.mail.MailProperties;
import org.keymail.server.signin.PassKeySignIn;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.signin.UnlockedUser;
import org.keymail.server.webmail.options.SendingRules;
import org.keymail.smime.address.EmailAddress;
import org.keymail.vault.VaultException;
import org.keymail.vault.options.MailOptions;
import org.keymail.vault.session.AccessCodeNeededException;
import org.keymail.vault.user.User;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /mail/compose}: a new message, a reply ({@code ?reply=UID&folder=F}, {@code replyAll}), a
 * forward ({@code forward}) or a draft opened again ({@code draft=UID}); posting sends it or saves
 * it as a draft. The page is a plain form that works without script; whatever goes wrong (an
 * address, a missing certificate, locked keys, the mail server) brings the form back with
 * everything typed and attached kept.
 *
 * <p>A forward quotes the original's text, so the writer can answer inline, and attaches the
 * original itself as {@code message/rfc822}: its own attachments, sender and date arrive intact, as
 * mail programs do it. An encrypted original is forwarded in its readable form, since the new
 * recipients could not open the original encryption.
 */
@Controller
class ComposeController {

  private final MessageSending sending;
  private final Originals originals;
  private final PassKeySignIn people;
  private final long maxMessageBytes;
  private final KeptAttachmentStore keptAttachments;

  ComposeController(
      MessageSending sending,
      Originals originals,
      PassKeySignIn people,
      MailProperties mail,
      KeptAttachmentStore keptAttachments) {
    this.keptAttachments = keptAttachments;
    this.sending = sending;
    this.originals = originals;
    this.people = people;
    this.maxMessageBytes = mail.maxMessageBytes();
  }

  @GetMapping("/mail/compose")
  String compose(
      @RequestParam(name = "reply", required = false) Long reply,
      @RequestParam(name = "replyAll", required = false) Long replyAll,
      @RequestParam(name = "forward", required = false) Long forward,
      @RequestParam(name = "draft", required = false) Long draft,
      @RequestParam(name = "folder", defaultValue = "INBOX") String folder,
      @RequestParam(name = "sent", required = false) String sent,
      @RequestParam(name = "saved", required = false) String saved,
      HttpSession session,
      Model model)
      throws VaultException, IOException {
    MessageSending.Writer writer = writer();
    MailOptions presets = sending.presets(writer.userId()).options();
    ComposeForm form = ComposeForm.empty(presets.signAll(), presets.encryptAll());
    String problem = "";
    boolean unlockNeeded = false;
    try {
      if (draft != null) {
        form = fromDraft(writer, draft, session);
      } else if (reply != null || replyAll != null) {
        form = reply(writer, folder, reply != null ? reply : replyAll, replyAll != null, form);
      } else if (forward != null) {
        form = forward(writer, folder, forward, form, session);
      }
    } catch (AccessCodeNeededException e) {
      unlockNeeded = true;
      problem = "This message is encrypted: unlock your keys to open it.";
    } catch (ComposeProblem e) {
      problem = e.getMessage();
    }
    String notice =
        sent != null ? "Your message was sent." : saved != null ? "Your draft is saved." : "";
    // Unlocked to open the original: load the page again to fill the form in, never send it.
    model.addAttribute("afterUnlock", "reload");
    model.addAttribute(
        "kind",
        replyAll != null
            ? ComposeKind.REPLY_ALL
            : reply != null
                ? ComposeKind.REPLY
                : forward != null ? ComposeKind.FORWARD : ComposeKind.NEW);
    return page(model, writer, form, session, problem, notice, unlockNeeded, List.of());
  }

  @PostMapping("/mail/compose")
  String post(
      @RequestParam(name = "to", defaultValue = "") String to,
      @RequestParam(name = "cc", defaultValue = "") String cc,
      @RequestParam(name = "bcc", defaultValue = "") String bcc,
      @RequestParam(name = "subject", defaultValue = "") String subject,
      @RequestParam(name = "body", defaultValue = "") String body,
      @RequestParam(name = "sign", required = false) String sign,
      @RequestParam(name = "encrypt", required = false) String encrypt,
      @RequestParam(name = "kept", required = false) List<String> kept,
      @RequestParam(name = "draft", required = false) Long draft,
      @RequestParam(name = "inReplyTo", defaultValue = "") String inReplyTo,
      @RequestParam(name = "references", defaultValue = "") String references,
      @RequestParam(name = "action", defaultValue = "send") String action,
      @RequestParam(name = "kind", defaultValue = "") String kind,
      @RequestParam(name = "attachments", required = false) List<MultipartFile> uploads,
      HttpSession session,
      Model model)
      throws VaultException, IOException {
    MessageSending.Writer writer = writer();
    model.addAttribute("kind", ComposeKind.of(kind));
    KeptAttachments attachments = keptAttachments.of(session);
    List<String> ids = new ArrayList<>(kept == null ? List.of() : kept);
    for (MultipartFile upload : uploads == null ? List.<MultipartFile>of() : uploads) {
      if (upload.isEmpty()
          && (upload.getOriginalFilename() == null || upload.getOriginalFilename().isBlank())) {
        continue; // the file field left empty
      }
      try (InputStream in = upload.getInputStream()) {
        ids.add(attachments.keep(upload.getOriginalFilename(), upload.getContentType(), in).id());
      }
    }
    if (action.startsWith("remove:")) {
      String removed = action.substring("remove:".length());
      attachments.drop(removed);
      ids.remove(removed);
    }
    ComposeForm form =
        new ComposeForm(
            to,
            cc,
            bcc,
            subject,
            body,
            sign != null,
            encrypt != null,
            attachments.all(ids).stream().map(Attachment::id).toList(),
            Optional.ofNullable(draft),
            inReplyTo,
            references);
    List<Attachment> attached = attachments.all(form.kept());
    if (action.startsWith("remove:") || action.equals("attach")) {
      return page(model, writer, form, session, "", "", false, List.of());
    }
    long total = attached.stream().mapToLong(Attachment::size).sum() + body.length();
    if (total > maxMessageBytes) {
      return page(
          model,
          writer,
          form,
          session,
          "The attachments come to "
              + Attachment.readable(total)
              + ", more than a message may carry ("
              + Attachment.readable(maxMessageBytes)
              + "). Remove some, or send them in several messages.",
          "",
          false,
          List.of());
    }
    try {
      if (action.equals("draft")) {
        Optional<Long> uid = sending.saveDraft(writer, form, attached);
        return uid.isPresent()
            ? "redirect:/mail/compose?draft=" + uid.get() + "&saved"
            : "redirect:/mail/compose?saved";
      }
      MessageSending.Sent sent = sending.send(writer, form, attached);
      form.kept().forEach(attachments::drop);
      if (sent.note().isPresent()) {
        model.addAttribute("kind", ComposeKind.NEW); // the form is empty again
      }
      return sent.note().isPresent()
          ? page(
              model,
              writer,
              ComposeForm.empty(form.sign(), form.encrypt()),
              session,
              sent.note().get(),
              "Your message was sent.",
              false,
              List.of())
          : "redirect:/mail/compose?sent";
    } catch (AccessCodeNeededException e) {
      return page(
          model,
          writer,
          form,
          session,
          "Your keys locked while you were writing. Unlock them to sign the message; it is sent"
              + " right after, with everything you wrote and attached.",
          "",
          true,
          List.of());
    } catch (MissingCertificatesException e) {
      return page(
          model,
          writer,
          form,
          session,
          e.getMessage(),
          "",
          false,
          e.recipients().stream().map(EmailAddress::toString).toList());
    } catch (ComposeProblem e) {
      return page(model, writer, form, session, e.getMessage(), "", false, List.of());
    }
  }

  private String page(
      Model model,
      MessageSending.Writer writer,
      ComposeForm form,
      HttpSession session,
      String problem,
      String notice,
      boolean unlockNeeded,
      List<String> missing)
      throws IOException {
    model.addAttribute("form", form);
    model.addAttribute("from", writer.from().typed());
    model.addAttribute("attached", keptAttachments.of(session).all(form.kept()));
    model.addAttribute("problem", problem);
    model.addAttribute("notice", notice);
    model.addAttribute("unlockNeeded", unlockNeeded);
    if (!model.containsAttribute("kind")) {
      model.addAttribute("kind", ComposeKind.NEW);
    }
    if (!model.containsAttribute("afterUnlock")) {
      model.addAttribute("afterUnlock", "send");
    }
    model.addAttribute("missing", missing);
    model.addAttribute("maxMessageBytes", maxMessageBytes);
    SendingRules.Rules rules = sending.presets(writer.userId());
    // A required switch is shown on and locked, with the sentence saying why.
    model.addAttribute("signRequired", rules.signRequired());
    model.addAttribute("encryptRequired", rules.encryptRequired());
    model.addAttribute("signingRequired", SendingRules.SIGNING_REQUIRED);
    model.addAttribute("encryptionRequired", SendingRules.ENCRYPTION_REQUIRED);
    return "mail-compose";
  }

  private MessageSending.Writer writer() {
    UnlockedUser user = SignedIn.user();
    User person =
        people
            .user(user.userId())
            .orElseThrow(() -> new IllegalStateException("a signed-in user without a record"));
    String name = person.displayName();
    return new MessageSending.Writer(
        user.userId(),
        EmailAddress.parse(person.email()),
        name == null || name.isBlank() || name.equalsIgnoreCase(person.email())
            ? Optional.empty()
            : Optional.of(name));
  }

  private ComposeForm fromDraft(MessageSending.Writer writer, long uid, HttpSession session)
      throws ComposeProblem, AccessCodeNeededException, VaultException, IOException {
    try (Originals.Opened opened = originals.openDraft(writer, uid)) {
      MimeMessage draft = opened.message();
      List<String> kept = keepAttachments(draft, session);
      return new ComposeForm(
          addresses(draft.getRecipients(RecipientType.TO)),
          addresses(draft.getRecipients(RecipientType.CC)),
          addresses(draft.getRecipients(RecipientType.BCC)),
          Optional.ofNullable(draft.getSubject()).orElse(""),
          Originals.text(draft),
          "yes".equals(draft.getHeader(MessageSending.DRAFT_SIGN, null)),
          "yes".equals(draft.getHeader(MessageSending.DRAFT_ENCRYPT, null)),
          kept,
          Optional.of(uid),
          Optional.ofNullable(draft.getHeader("In-Reply-To", null)).orElse(""),
          Optional.ofNullable(draft.getHeader("References", null)).orElse(""));
    } catch (MessagingException e) {
      throw new ComposeProblem("The draft could not be read: " + e.getMessage() + ".", e);
    }
  }

  private ComposeForm reply(
      MessageSending.Writer writer, String folder, long uid, boolean all, ComposeForm presets)
      throws ComposeProblem, AccessCodeNeededException, VaultException, IOException {
    try (Originals.Opened opened = originals.open(writer, folder, uid)) {
      MimeMessage original = opened.message();
      Address[] replyTo = original.getReplyTo();
      String to = addresses(replyTo != null && replyTo.length > 0 ? replyTo : original.getFrom());
      String cc = "";
      if (all) {
        Set<String> others = new LinkedHashSet<>();
        for (RecipientType type : new RecipientType[] {RecipientType.TO, RecipientType.CC}) {
          Address[] listed = original.getRecipients(type);
          for (Address address : listed == null ? new Address[0] : listed) {
            if (address instanceof InternetAddress internet
                && !writer.address().toString().equalsIgnoreCase(internet.getAddress())
                && !to.toLowerCase(Locale.ROOT)
                    .contains(String.valueOf(internet.getAddress()).toLowerCase(Locale.ROOT))) {
              others.add(internet.toUnicodeString());
            }
          }
        }
        cc = String.join(", ", others);
      }
      String subject = Optional.ofNullable(original.getSubject()).orElse("");
      String messageId = Optional.ofNullable(original.getMessageID()).orElse("");
      String references =
          (Optional.ofNullable(original.getHeader("References", " ")).orElse("") + " " + messageId)
              .strip();
      // An answer to an encrypted message is encrypted too: it likely quotes what was secret.
      boolean encrypt = opened.encrypted() || presets.encrypt();
      return new ComposeForm(
          to,
          cc,
          "",
          subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject,
          "\n\n" + attribution(original) + "\n" + quoted(Originals.text(original)),
          presets.sign(),
          encrypt,
          List.of(),
          Optional.empty(),
          messageId,
          references);
    } catch (MessagingException e) {
      throw new ComposeProblem("The message could not be read: " + e.getMessage() + ".", e);
    }
  }

  private ComposeForm forward(
      MessageSending.Writer writer,
      String folder,
      long uid,
      ComposeForm presets,
      HttpSession session)
      throws ComposeProblem, AccessCodeNeededException, VaultException, IOException {
    try (Originals.Opened opened = originals.open(writer, folder, uid)) {
      MimeMessage original = opened.message();
      String subject = Optional.ofNullable(original.getSubject()).orElse("");
      String name = (subject.isBlank() ? "message" : subject.replaceAll("[\\\\/:*?\"<>|]", "_"));
      Attachment attached =
          keptAttachments.of(session).keep(name + ".eml", "message/rfc822", opened.readable());
      return new ComposeForm(
          "",
          "",
          "",
          subject.regionMatches(true, 0, "Fwd:", 0, 4) ? subject : "Fwd: " + subject,
          "\n\n---------- Forwarded message ----------\n"
              + attribution(original)
              + "\n"
              + quoted(Originals.text(original)),
          presets.sign(),
          presets.encrypt(),
          List.of(attached.id()),
          Optional.empty(),
          "",
          "");
    } catch (MessagingException e) {
      throw new ComposeProblem("The message could not be read: " + e.getMessage() + ".", e);
    }
  }

  private List<String> keepAttachments(MimeMessage message, HttpSession session)
      throws MessagingException, IOException {
    List<String> ids = new ArrayList<>();
    for (Part part : Originals.attachments(message)) {
      String type = part.getContentType();
      String bare = type == null ? "application/octet-stream" : type.split(";", 2)[0].strip();
      try (InputStream in = part.getInputStream()) {
        ids.add(keptAttachments.of(session).keep(Originals.fileName(part), bare, in).id());
      }
    }
    return ids;
  }

  private static String attribution(MimeMessage original) throws MessagingException {
    String from = addresses(original.getFrom());
    if (original.getSentDate() == null) {
      return from + " wrote:";
    }
    SimpleDateFormat format = new SimpleDateFormat("d MMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH);
    format.setTimeZone(TimeZone.getTimeZone("UTC"));
    return "On " + format.format(original.getSentDate()) + ", " + from + " wrote:";
  }

  private static String quoted(String text) {
    StringBuilder quoted = new StringBuilder();
    String lines = text.replace("\r\n", "\n");
    // The line break that ends the last line starts no line of its own to quote.
    if (lines.endsWith("\n")) {
      lines = lines.substring(0, lines.length() - 1);
    }
    for (String line : lines.split("\n", -1)) {
      quoted.append(line.startsWith(">") ? ">" : "> ").append(line).append('\n');
    }
    return quoted.toString();
  }

  private static String addresses(Address[] addresses) {
    if (addresses == null) {
      return "";
    }
    List<String> shown = new ArrayList<>();
    for (Address address : addresses) {
      shown.add(
          address instanceof InternetAddress internet
              ? internet.toUnicodeString()
              : address.toString());
    }
    return String.join(", ", shown);
  }
}
