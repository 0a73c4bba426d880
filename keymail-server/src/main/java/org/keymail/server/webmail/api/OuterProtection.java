package org.keymail.server.webmail.api;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;
import org.keymail.server.webmail.api.MailApiProblem.Kind;
import org.keymail.server.webmail.options.SendingRules;

/**
 * The organisation's {@code required} mail policies applied to a message a client built itself, by
 * its outer structure (RFC 8551 §3): signed is {@code multipart/signed} or {@code
 * application/pkcs7-mime; smime-type=signed-data}; encrypted is {@code application/pkcs7-mime;
 * smime-type=enveloped-data} or {@code authEnveloped-data}. The server holds no key to look inside
 * an encrypted message, so one counts as signed too: keymail's clients sign before they encrypt.
 */
final class OuterProtection {

  private OuterProtection() {}

  /**
   * @throws MailApiProblem when a required signature or encryption is missing
   */
  static void check(MimeMessage message, SendingRules.Rules rules)
      throws MailApiProblem, MessagingException {
    ContentType type = contentType(message);
    boolean encrypted = isPkcs7Mime(type) && isEnveloped(type.getParameter("smime-type"));
    boolean signed =
        type.match("multipart/signed")
            || (isPkcs7Mime(type)
                && "signed-data".equalsIgnoreCase(type.getParameter("smime-type")))
            || encrypted;
    if (rules.encryptRequired() && !encrypted) {
      throw new MailApiProblem(
          Kind.NOT_ENCRYPTED,
          "Not sent: " + SendingRules.ENCRYPTION_REQUIRED + " This message is not encrypted.");
    }
    if (rules.signRequired() && !signed) {
      throw new MailApiProblem(
          Kind.NOT_SIGNED,
          "Not sent: " + SendingRules.SIGNING_REQUIRED + " This message is not signed.");
    }
  }

  private static boolean isEnveloped(String smimeType) {
    return "enveloped-data".equalsIgnoreCase(smimeType)
        || "authEnveloped-data".equalsIgnoreCase(smimeType);
  }

  private static boolean isPkcs7Mime(ContentType type) {
    return type.match("application/pkcs7-mime") || type.match("application/x-pkcs7-mime");
  }

  private static ContentType contentType(MimeMessage message) throws MessagingException {
    String value = message.getContentType();
    try {
      return new ContentType(value == null ? "text/plain" : value);
    } catch (ParseException unreadable) {
      // A type no reader understands is neither signed nor encrypted.
      return new ContentType("application", "octet-stream", null);
    }
  }
}
