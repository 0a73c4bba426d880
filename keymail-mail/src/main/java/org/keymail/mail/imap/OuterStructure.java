package org.keymail.mail.imap;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads what a message is from its MIME structure as the IMAP server describes it (BODYSTRUCTURE):
 * no body is fetched, nothing is decrypted or verified.
 */
final class OuterStructure {

  private OuterStructure() {}

  static SecureKind kind(Part message) throws MessagingException {
    ContentType type = contentType(message);
    if (type.match("multipart/signed")) {
      return SecureKind.SIGNED;
    }
    if (isPkcs7Mime(type)) {
      String smimeType = type.getParameter("smime-type");
      return smimeType != null && smimeType.equalsIgnoreCase("signed-data")
          ? SecureKind.SIGNED
          : isOther(smimeType) ? SecureKind.PLAIN : SecureKind.ENCRYPTED;
    }
    String name = message.getFileName();
    if (type.match("application/octet-stream")
        && name != null
        && name.toLowerCase(Locale.ROOT).endsWith(".p7m")) {
      return SecureKind.ENCRYPTED;
    }
    return SecureKind.PLAIN;
  }

  /** Whether the message shows an attachment outside any encryption (inside a signature too). */
  static boolean hasAttachment(Part part) throws MessagingException {
    ContentType type = contentType(part);
    if (type.match("multipart/*")) {
      Multipart parts = multipart(part);
      if (parts == null) {
        return false;
      }
      int count = type.match("multipart/signed") ? Math.min(1, parts.getCount()) : parts.getCount();
      for (int i = 0; i < count; i++) {
        if (hasAttachment(parts.getBodyPart(i))) {
          return true;
        }
      }
      return false;
    }
    if (isPkcs7Mime(type) || type.match("application/pkcs7-signature")) {
      return false;
    }
    return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
  }

  private static Multipart multipart(Part part) throws MessagingException {
    try {
      return part.getContent() instanceof Multipart m ? m : null;
    } catch (IOException e) {
      throw new MessagingException("cannot read the message's structure", e);
    }
  }

  private static boolean isPkcs7Mime(ContentType type) {
    return type.match("application/pkcs7-mime") || type.match("application/x-pkcs7-mime");
  }

  private static boolean isOther(String smimeType) {
    return smimeType != null
        && (smimeType.equalsIgnoreCase("certs-only")
            || smimeType.equalsIgnoreCase("compressed-data"));
  }

  private static ContentType contentType(Part part) throws MessagingException {
    String value = part.getContentType();
    try {
      return new ContentType(value == null ? "text/plain" : value);
    } catch (ParseException unreadable) {
      // A type no reader understands is shown as what it is not: plain.
      return new ContentType("application", "octet-stream", null);
    }
  }
}
