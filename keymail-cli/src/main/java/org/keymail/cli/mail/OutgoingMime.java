package org.keymail.cli.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.keymail.smime.address.EmailAddress;

/**
 * The MIME message {@code keymail mail send} writes before it is signed or encrypted: the user's
 * address in From, the recipients, the subject, a UTF-8 text body and the attachments as files
 * ({@code application/octet-stream}, base64). Bcc stays in the header for the server, which sends
 * to it and removes it.
 */
final class OutgoingMime {

  /**
   * What goes in.
   *
   * @param fromName the user's name, shown beside their address (may be blank)
   * @param from the user's address
   */
  record Parts(
      String fromName,
      EmailAddress from,
      List<EmailAddress> to,
      List<EmailAddress> cc,
      List<EmailAddress> bcc,
      String subject,
      String body,
      List<AttachedFile> attachments,
      Instant date) {}

  /** A file to attach: its name as sent and its bytes. */
  record AttachedFile(String name, byte[] content) {}

  private OutgoingMime() {}

  static byte[] write(Parts parts) throws MessagingException, IOException {
    Properties properties = new Properties();
    // Message-ID's domain: the user's own, not this computer's name.
    properties.setProperty("mail.from", parts.from().ascii());
    MimeMessage message = new MimeMessage(Session.getInstance(properties));
    message.setFrom(address(parts.fromName(), parts.from()));
    message.setRecipients(Message.RecipientType.TO, addresses(parts.to()));
    if (!parts.cc().isEmpty()) {
      message.setRecipients(Message.RecipientType.CC, addresses(parts.cc()));
    }
    if (!parts.bcc().isEmpty()) {
      message.setRecipients(Message.RecipientType.BCC, addresses(parts.bcc()));
    }
    message.setSubject(parts.subject(), "UTF-8");
    message.setSentDate(Date.from(parts.date()));
    if (parts.attachments().isEmpty()) {
      message.setText(parts.body(), "UTF-8");
    } else {
      MimeMultipart mixed = new MimeMultipart("mixed");
      MimeBodyPart text = new MimeBodyPart();
      text.setText(parts.body(), "UTF-8");
      mixed.addBodyPart(text);
      for (AttachedFile file : parts.attachments()) {
        MimeBodyPart attached = new MimeBodyPart();
        attached.setDataHandler(
            new DataHandler(new ByteArrayDataSource(file.content(), "application/octet-stream")));
        attached.setFileName(file.name());
        attached.setDisposition(MimeBodyPart.ATTACHMENT);
        // Byte for byte, whatever the file holds: never a text encoding that may change line ends.
        attached.setHeader("Content-Transfer-Encoding", "base64");
        mixed.addBodyPart(attached);
      }
      message.setContent(mixed);
    }
    message.saveChanges();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return out.toByteArray();
  }

  private static InternetAddress address(String name, EmailAddress address)
      throws UnsupportedEncodingException {
    // A name that only repeats the address is left out: "a@example.org" <a@example.org> reads
    // badly.
    return name == null || name.isBlank() || name.strip().equalsIgnoreCase(address.toString())
        ? new InternetAddress(address.toString(), null, "UTF-8")
        : new InternetAddress(address.toString(), name, "UTF-8");
  }

  private static InternetAddress[] addresses(List<EmailAddress> addresses)
      throws UnsupportedEncodingException {
    InternetAddress[] all = new InternetAddress[addresses.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = address(null, addresses.get(i));
    }
    return all;
  }
}
