package org.keymail.server.webmail.compose;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Writes a message as RFC 5322 and MIME with Jakarta Mail: From the writer, To and Cc, Bcc only in
 * a draft (the writer's own copy), the subject, the text as UTF-8 and each attachment streamed from
 * its file. Attachments are never read into memory.
 */
final class MimeWriter {

  private MimeWriter() {}

  /**
   * The message's parts.
   *
   * @param bccInMessage Bcc recipients written into the message (drafts only; sent mail carries
   *     them in the envelope alone)
   * @param extraHeaders further fields (a draft's switches)
   */
  record Parts(
      Recipient from,
      List<Recipient> to,
      List<Recipient> cc,
      List<Recipient> bccInMessage,
      String subject,
      String body,
      List<Attachment> attachments,
      String inReplyTo,
      String references,
      Instant date,
      Map<String, String> extraHeaders) {}

  static void write(Parts parts, Path file) throws IOException {
    Properties properties = new Properties();
    // The Message-ID's right-hand side: the writer's own domain, not this host's name.
    properties.setProperty("mail.from", parts.from().address().ascii());
    Session session = Session.getInstance(properties);
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(parts.from().header());
      message.setRecipients(RecipientType.TO, headers(parts.to()));
      message.setRecipients(RecipientType.CC, headers(parts.cc()));
      message.setRecipients(RecipientType.BCC, headers(parts.bccInMessage()));
      message.setSubject(parts.subject(), "UTF-8");
      message.setSentDate(Date.from(parts.date()));
      if (!parts.inReplyTo().isBlank()) {
        message.setHeader("In-Reply-To", parts.inReplyTo().strip());
      }
      if (!parts.references().isBlank()) {
        message.setHeader("References", parts.references().strip());
      }
      for (Map.Entry<String, String> field : parts.extraHeaders().entrySet()) {
        message.setHeader(field.getKey(), field.getValue());
      }
      if (parts.attachments().isEmpty()) {
        message.setText(parts.body(), "UTF-8");
      } else {
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(parts.body(), "UTF-8");
        mixed.addBodyPart(text);
        for (Attachment attachment : parts.attachments()) {
          mixed.addBodyPart(part(attachment));
        }
        message.setContent(mixed);
      }
      message.saveChanges();
      try (OutputStream out = Files.newOutputStream(file)) {
        message.writeTo(out);
      }
    } catch (MessagingException e) {
      throw new IOException("the message could not be written: " + e.getMessage(), e);
    }
  }

  private static MimeBodyPart part(Attachment attachment) throws MessagingException, IOException {
    MimeBodyPart part = new MimeBodyPart();
    String type = attachment.contentType();
    FileDataSource source =
        new FileDataSource(attachment.file().toFile()) {
          @Override
          public String getContentType() {
            return type;
          }
        };
    part.setDataHandler(new DataHandler(source));
    part.setFileName(attachment.name());
    part.setDisposition(MimeBodyPart.ATTACHMENT);
    if (type.regionMatches(true, 0, "message/rfc822", 0, 14)) {
      // RFC 2046 5.2.1: a message/rfc822 body is never base64 or quoted-printable.
      part.setHeader("Content-Transfer-Encoding", eightBit(attachment.file()) ? "8bit" : "7bit");
    }
    return part;
  }

  private static boolean eightBit(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] < 0) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static InternetAddress[] headers(List<Recipient> recipients) {
    return recipients.stream().map(Recipient::header).toArray(InternetAddress[]::new);
  }
}
