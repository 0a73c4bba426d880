package org.keymail.cli.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.keymail.cli.CliFailure;

/**
 * A message as a person reads it at the terminal, taken from its readable (decrypted, unwrapped)
 * MIME: the header fields people look at, the first text body, and the attachments with their
 * decoded bytes.
 *
 * @param fields the shown header fields in order ({@code From}, {@code To}, ...), decoded
 * @param text the first {@code text/plain} body, when there is one, its lines ending in LF
 * @param htmlOnly whether the only body is HTML (not shown at the terminal)
 * @param attachments every attachment, in order
 */
record ReadableMessage(
    List<Field> fields, Optional<String> text, boolean htmlOnly, List<Attachment> attachments) {

  private static final List<String> SHOWN =
      List.of("From", "Sender", "To", "Cc", "Date", "Subject");

  /** A header field as shown. */
  record Field(String name, String value) {}

  /**
   * An attachment.
   *
   * @param name the file name the sender gave, if any
   * @param type the media type, e.g. {@code application/pdf}
   * @param content the decoded bytes
   */
  record Attachment(Optional<String> name, String type, byte[] content) {}

  static ReadableMessage read(InputStream readable) throws CliFailure, IOException {
    try {
      MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), readable);
      List<Field> fields = new ArrayList<>();
      for (String name : SHOWN) {
        String[] values = message.getHeader(name);
        if (values != null) {
          for (String value : values) {
            fields.add(new Field(name, decoded(value)));
          }
        }
      }
      Parts parts = new Parts();
      parts.walk(message);
      return new ReadableMessage(
          fields,
          Optional.ofNullable(parts.text),
          parts.text == null && parts.html,
          parts.attachments);
    } catch (MessagingException e) {
      throw new CliFailure("the message's MIME structure cannot be read: " + e.getMessage(), e);
    }
  }

  private static String decoded(String value) {
    try {
      return jakarta.mail.internet.MimeUtility.decodeText(
          jakarta.mail.internet.MimeUtility.unfold(value));
    } catch (java.io.UnsupportedEncodingException e) {
      return value;
    }
  }

  /** The walk through a message's parts. */
  private static final class Parts {
    private String text;
    private boolean html;
    private final List<Attachment> attachments = new ArrayList<>();

    void walk(Part part) throws MessagingException, IOException {
      if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart child = multipart.getBodyPart(i);
          walk(child);
        }
        return;
      }
      boolean attachment =
          Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
      if (!attachment && text == null && part.isMimeType("text/plain")) {
        text = text(part);
      } else if (!attachment && part.isMimeType("text/html")) {
        html = true;
      } else {
        try (InputStream in = part.getInputStream()) {
          attachments.add(
              new Attachment(
                  Optional.ofNullable(part.getFileName()).filter(n -> !n.isBlank()),
                  baseType(part),
                  in.readAllBytes()));
        }
      }
    }

    private static String baseType(Part part) throws MessagingException {
      try {
        return new ContentType(part.getContentType())
            .getBaseType()
            .toLowerCase(java.util.Locale.ROOT);
      } catch (jakarta.mail.internet.ParseException e) {
        return "application/octet-stream";
      }
    }

    /** The text in its charset (UTF-8 when it names none or one this Java does not know). */
    private static String text(Part part) throws MessagingException, IOException {
      Charset charset = StandardCharsets.UTF_8;
      try {
        String named = new ContentType(part.getContentType()).getParameter("charset");
        if (named != null) {
          charset = Charset.forName(named.strip());
        }
      } catch (jakarta.mail.internet.ParseException
          | IllegalCharsetNameException
          | UnsupportedCharsetException e) {
        charset = StandardCharsets.UTF_8;
      }
      try (InputStream in = part.getInputStream()) {
        // Lines end as on this computer's terminal, not as on the wire.
        return new String(in.readAllBytes(), charset).replace("\r\n", "\n");
      }
    }
  }
}
