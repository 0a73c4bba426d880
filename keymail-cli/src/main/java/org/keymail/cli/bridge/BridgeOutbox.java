package org.keymail.cli.bridge;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.keymail.cli.CliFailure;
import org.keymail.cli.bridge.smtp.NotSentException;
import org.keymail.cli.bridge.smtp.Outbox;
import org.keymail.cli.client.NotUnlockedException;
import org.keymail.cli.client.ServerRefusal;
import org.keymail.cli.client.ServerUnreachableException;
import org.keymail.cli.client.VaultSession;
import org.keymail.cli.mail.MailOptions;
import org.keymail.cli.mail.MissingCertificatesException;
import org.keymail.cli.mail.Protection;
import org.keymail.cli.mail.Securing;
import org.keymail.smime.SmimeException;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.address.EmailAddress;

/**
 * The bridge's SMTP side sends through keymail: the client's plain message is signed and encrypted
 * as the bridge's options or the user's webmail options say ({@link Securing}, as {@code keymail
 * mail send} does) and handed to the server. The envelope is the client's: a recipient the header
 * does not name (a blind copy) travels in a Bcc field, which the server removes; a header naming
 * someone the client did not send to stops the message. Any refusal comes back as an SMTP reply
 * naming the problem, and nothing is sent to anyone.
 */
final class BridgeOutbox implements Outbox {

  private final VaultSession session;
  private final Choices choices;

  /** What the person chose at start; null leaves it to their webmail options. */
  record Choices(Boolean sign, Boolean encrypt) {}

  BridgeOutbox(VaultSession session, Choices choices) {
    this.session = session;
    this.choices = choices;
  }

  @Override
  public void send(String sender, List<String> recipients, byte[] message) throws NotSentException {
    try {
      MailOptions options = MailOptions.of(session);
      if (!(EmailAddress.read(sender) instanceof AddressReading.Usable from)
          || !from.email().equals(options.address())) {
        throw new NotSentException(
            550, "5.7.1", "not sent: you send as " + options.address() + " only, not " + sender);
      }
      Set<EmailAddress> envelope = addresses(recipients);
      Set<EmailAddress> named = headerRecipients(message);
      List<String> notInEnvelope =
          named.stream().filter(a -> !envelope.contains(a)).map(EmailAddress::toString).toList();
      if (!notInEnvelope.isEmpty()) {
        throw new NotSentException(
            550,
            "5.6.0",
            "not sent: the message names "
                + String.join(", ", notInEnvelope)
                + " in To or Cc, but the mail client did not send it to them");
      }
      List<EmailAddress> blind = envelope.stream().filter(a -> !named.contains(a)).toList();
      Protection protection = options.protection(choices.sign(), choices.encrypt());
      Securing.send(session, options, withBcc(message, blind), envelope, protection);
    } catch (NotSentException e) {
      throw e;
    } catch (MissingCertificatesException e) {
      throw new NotSentException(
          550,
          "5.7.1",
          "not sent to anyone: "
              + e.getMessage()
              + "; ask them for a signed message (their certificate comes with it), or send"
              + " without encryption");
    } catch (NotUnlockedException e) {
      throw new NotSentException(
          451, "4.7.0", "not sent yet: your keys are locked; " + e.getMessage());
    } catch (ServerUnreachableException e) {
      throw new NotSentException(451, "4.4.1", "not sent yet: " + e.getMessage());
    } catch (ServerRefusal e) {
      throw new NotSentException(
          e.status() >= 500 ? 451 : 550,
          e.status() >= 500 ? "4.3.0" : "5.7.1",
          "not sent: " + e.getMessage());
    } catch (SmimeException | CliFailure e) {
      throw new NotSentException(550, "5.7.1", "not sent: " + e.getMessage());
    } catch (Exception e) {
      // The SMTP reply is this interface's one way to report; the client may try again.
      throw new NotSentException(451, "4.3.0", "not sent: " + e.getMessage());
    }
  }

  private static Set<EmailAddress> addresses(List<String> texts) throws NotSentException {
    Set<EmailAddress> all = new LinkedHashSet<>();
    for (String text : texts) {
      if (!(EmailAddress.read(text) instanceof AddressReading.Usable usable)) {
        throw new NotSentException(
            550, "5.1.3", "not sent: '" + text + "' is not an e-mail address");
      }
      all.add(usable.email());
    }
    return all;
  }

  /** Everyone the message's To, Cc and Bcc fields name. */
  private static Set<EmailAddress> headerRecipients(byte[] message) throws NotSentException {
    InternetHeaders header;
    try {
      header = new InternetHeaders(new ByteArrayInputStream(message));
    } catch (MessagingException e) {
      throw new NotSentException(550, "5.6.0", "not sent: the message's header cannot be read");
    }
    Set<EmailAddress> named = new LinkedHashSet<>();
    for (String field : List.of("To", "Cc", "Bcc")) {
      String[] values = header.getHeader(field);
      if (values == null) {
        continue;
      }
      for (String value : values) {
        InternetAddress[] parsed;
        try {
          parsed = InternetAddress.parseHeader(value, false);
        } catch (AddressException e) {
          throw new NotSentException(
              550, "5.6.0", "not sent: the message's " + field + " field cannot be read");
        }
        for (InternetAddress a : parsed) {
          if (EmailAddress.read(a.getAddress()) instanceof AddressReading.Usable usable) {
            named.add(usable.email());
          }
        }
      }
    }
    return named;
  }

  /** The message with a Bcc field for {@code blind} on top (none when there are none). */
  private static byte[] withBcc(byte[] message, List<EmailAddress> blind) {
    if (blind.isEmpty()) {
      return message;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 256);
    out.writeBytes(
        ("Bcc: "
                + blind.stream().map(EmailAddress::ascii).collect(Collectors.joining(",\r\n "))
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(message);
    return out.toByteArray();
  }
}
