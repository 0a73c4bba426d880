package org.keymail.server.webmail.read;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The fields a message shows above its body, from its outer header (the only header an encrypted
 * message shows before it is opened).
 *
 * @param from the From field as people read it
 * @param fromName the display name of the first From address, when it has one
 * @param fromAddress the first From address, when it can be read
 * @param to the To addresses
 * @param cc the Cc addresses
 * @param date when it says it was sent, formatted; empty when it says nothing
 * @param subject the subject, decoded
 */
record OuterHeader(
    String from,
    Optional<String> fromName,
    Optional<String> fromAddress,
    String to,
    String cc,
    String date,
    String subject) {

  static OuterHeader of(MimeMessage message) throws MessagingException {
    Address[] from = lenient(() -> message.getFrom());
    Optional<String> fromName =
        from != null && from.length > 0 && from[0] instanceof InternetAddress first
            ? Optional.ofNullable(first.getPersonal()).filter(n -> !n.isBlank())
            : Optional.empty();
    Optional<String> fromAddress =
        from != null && from.length > 0 && from[0] instanceof InternetAddress first
            ? Optional.ofNullable(first.getAddress())
            : Optional.empty();
    Date sent = message.getSentDate();
    String subject = message.getSubject();
    return new OuterHeader(
        shown(from, message.getHeader("From", ", ")),
        fromName,
        fromAddress,
        shown(
            lenient(() -> message.getRecipients(Message.RecipientType.TO)),
            message.getHeader("To", ", ")),
        shown(
            lenient(() -> message.getRecipients(Message.RecipientType.CC)),
            message.getHeader("Cc", ", ")),
        sent == null ? "" : FolderPages.DATE.format(sent.toInstant()) + " UTC",
        subject == null || subject.isBlank() ? "(no subject)" : subject);
  }

  /** The addresses as "Name <address>", or the field as written when it cannot be parsed. */
  private static String shown(Address[] addresses, String raw) {
    if (addresses == null) {
      return raw == null ? "" : raw;
    }
    List<String> shown =
        Arrays.stream(addresses)
            .map(a -> a instanceof InternetAddress i ? i.toUnicodeString() : a.toString())
            .toList();
    return String.join(", ", shown);
  }

  private interface AddressField {
    Address[] get() throws MessagingException;
  }

  private static Address[] lenient(AddressField field) {
    try {
      return field.get();
    } catch (MessagingException unreadable) {
      return null;
    }
  }
}
