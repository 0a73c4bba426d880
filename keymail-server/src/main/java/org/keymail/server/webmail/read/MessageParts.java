package org.keymail.server.webmail.read;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The readable message taken apart for the page: the body to show (the HTML of an alternative when
 * it has one, else its text) and every other part as an attachment, in the order they appear (the
 * attachment's number in download addresses). A message attached to the message, or a signed part
 * inside a message that is not signed as a whole, is an attachment or a part with a note: only a
 * signature over the whole message makes the message signed.
 */
final class MessageParts {

  /** The most text of a body the page shows. */
  static final int MAX_BODY_CHARS = 2_000_000;

  private Optional<String> text = Optional.empty();
  private Optional<String> html = Optional.empty();
  private final List<Attachment> attachments = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private MessageParts() {}

  /**
   * Takes {@code message} apart.
   *
   * @param outerSignature whether the message's own outer multipart/signed is the message's
   *     signature (the raw message is walked); its signed part is the content
   */
  static MessageParts of(Part message, boolean outerSignature)
      throws MessagingException, IOException {
    MessageParts parts = new MessageParts();
    parts.walk(message, outerSignature);
    return parts;
  }

  Optional<String> text() {
    return text;
  }

  Optional<String> html() {
    return html;
  }

  List<Attachment> attachments() {
    return attachments;
  }

  List<String> notes() {
    return notes;
  }

  private void walk(Part part, boolean outerSignature) throws MessagingException, IOException {
    ContentType type = MessageOpening.type(part);
    if (isAttachment(part, type)) {
      attach(part, type);
      return;
    }
    if (type.match("multipart/signed")) {
      if (!outerSignature) {
        notes.add(
            "Part of this message carries a signature of its own. It covers that part only, so"
                + " the message is not shown as signed; keymail did not check that signature.");
      }
      Multipart multipart = multipart(part);
      if (multipart != null && multipart.getCount() > 0) {
        walk(multipart.getBodyPart(0), false);
      }
      return;
    }
    if (type.match("multipart/alternative")) {
      Multipart multipart = multipart(part);
      if (multipart == null) {
        return;
      }
      BodyPart best = null;
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart candidate = multipart.getBodyPart(i);
        ContentType t = MessageOpening.type(candidate);
        if (t.match("text/html") || (best == null && t.match("text/plain"))) {
          best = candidate;
        } else if (t.match("multipart/*") && best == null) {
          best = candidate;
        }
      }
      if (best != null) {
        walk(best, false);
      }
      return;
    }
    if (type.match("multipart/*")) {
      Multipart multipart = multipart(part);
      if (multipart == null) {
        return;
      }
      for (int i = 0; i < multipart.getCount(); i++) {
        walk(multipart.getBodyPart(i), false);
      }
      return;
    }
    if (type.match("message/rfc822")) {
      notes.add(
          "A message is attached to this one. Its own signature or encryption is not checked"
              + " here: download it to open it on its own.");
      attach(part, type);
      return;
    }
    if (type.match("text/html") && html.isEmpty() && text.isEmpty()) {
      html = Optional.of(text(part, type));
      return;
    }
    if (type.match("text/plain") && html.isEmpty() && text.isEmpty()) {
      text = Optional.of(text(part, type));
      return;
    }
    attach(part, type);
  }

  private static boolean isAttachment(Part part, ContentType type) throws MessagingException {
    if (type.match("multipart/*")) {
      return false;
    }
    return Part.ATTACHMENT.equalsIgnoreCase(disposition(part))
        || (fileName(part).isPresent() && !type.match("text/plain") && !type.match("text/html"));
  }

  private void attach(Part part, ContentType type) throws MessagingException {
    if (type.match("application/pkcs7-signature") || type.match("application/x-pkcs7-signature")) {
      return; // the signature of a signed part, not something the sender attached
    }
    int number = attachments.size() + 1;
    String name =
        fileName(part)
            .orElse(
                type.match("message/rfc822")
                    ? "attached-message-" + number + ".eml"
                    : "attachment-" + number);
    attachments.add(
        new Attachment(
            number,
            SafeFileName.of(name),
            type.getBaseType().toLowerCase(java.util.Locale.ROOT),
            Math.max(0, part.getSize()),
            part));
  }

  private static String disposition(Part part) {
    try {
      return part.getDisposition();
    } catch (MessagingException unreadable) {
      return null;
    }
  }

  private static Optional<String> fileName(Part part) {
    try {
      String name = part.getFileName();
      if (name == null || name.isBlank()) {
        return Optional.empty();
      }
      try {
        return Optional.of(MimeUtility.decodeText(name));
      } catch (java.io.UnsupportedEncodingException e) {
        return Optional.of(name);
      }
    } catch (MessagingException unreadable) {
      return Optional.empty();
    }
  }

  private static Multipart multipart(Part part) throws MessagingException, IOException {
    return part.getContent() instanceof Multipart m ? m : null;
  }

  private static String text(Part part, ContentType type) throws MessagingException, IOException {
    Charset charset = charset(type.getParameter("charset"));
    try (InputStream in = part.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY_CHARS * 2);
      String text = new String(bytes, charset).replace("\r\n", "\n");
      return text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) : text;
    }
  }

  private static Charset charset(String name) {
    if (name == null) {
      return StandardCharsets.UTF_8; // US-ASCII by RFC 2045, and UTF-8 reads it as well
    }
    try {
      return Charset.forName(MimeUtility.javaCharset(name.strip()));
    } catch (IllegalArgumentException unknown) {
      return StandardCharsets.UTF_8;
    }
  }

  /**
   * One attachment.
   *
   * @param number its place among the message's attachments, from 1
   * @param name a file name safe to offer for saving
   * @param type its MIME type, as the sender said
   * @param size its size in the message (encoded, so a little more than the file)
   * @param part where its bytes are
   */
  record Attachment(int number, String name, String type, long size, Part part) {
    public String shownSize() {
      return FolderPages.size(size);
    }
  }
}
