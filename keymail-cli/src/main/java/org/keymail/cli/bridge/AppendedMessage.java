package org.keymail.cli.bridge;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.util.Locale;
import org.keymail.cli.bridge.imap.ImapMailbox.Refused;

/**
 * What the bridge checks of a message a mail client stores (APPEND) before it reaches the mail
 * server: a copy the bridge decrypted for the client (it carries the bridge's {@code
 * X-Keymail-Security} field saying so) would put the plain text on the server, so it is refused;
 * and whether the message is already encrypted, so that a draft is encrypted once only.
 */
final class AppendedMessage {

  private final InternetHeaders header;

  private AppendedMessage(InternetHeaders header) {
    this.header = header;
  }

  /** The message's header section, or a refusal when it has none that can be read. */
  static AppendedMessage of(byte[] message) throws Refused {
    try {
      return new AppendedMessage(new InternetHeaders(new ByteArrayInputStream(message)));
    } catch (MessagingException e) {
      throw new Refused("not stored: the message's header section cannot be read");
    }
  }

  /** Refuses a copy the bridge decrypted: keymail never writes decrypted mail to the server. */
  void refuseDecryptedCopy() throws Refused {
    String security = header.getHeader("X-Keymail-Security", ",");
    if (security != null && security.toLowerCase(Locale.ROOT).contains("encrypted")) {
      throw new Refused(
          "not stored: this is a copy keymail decrypted for your mail client, and keymail never"
              + " stores decrypted mail on the server; the encrypted original is still in its"
              + " folder");
    }
  }

  /** Whether the message is S/MIME encrypted already (RFC 8551 enveloped or authEnveloped). */
  boolean encrypted() {
    String type = header.getHeader("Content-Type", ";");
    if (type == null) {
      return false;
    }
    String lower = type.toLowerCase(Locale.ROOT);
    return (lower.contains("application/pkcs7-mime") || lower.contains("application/x-pkcs7-mime"))
        && !lower.contains("signed-data");
  }
}
