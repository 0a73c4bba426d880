package org.keymail.mail.submit;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.keymail.mail.MailServers;
import org.keymail.mail.MailSessions;
import org.keymail.mail.MailUnavailableException;
import org.keymail.mail.MessageRefusedException;
import org.keymail.smime.address.EmailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits finished messages to the organisation's SMTP server for one user: the envelope sender is
 * the user, the envelope recipients are given apart (so Bcc never shows in the message), the
 * message is sent byte for byte as it is in its file (a signature stays valid) and read from the
 * file as it goes, not held in memory.
 */
public final class MailSubmission {

  private static final Logger LOG = LoggerFactory.getLogger(MailSubmission.class);

  private final MailServers servers;

  public MailSubmission(MailServers servers) {
    this.servers = Objects.requireNonNull(servers, "servers");
  }

  /**
   * Sends the message in {@code file} as {@code sender} to {@code recipients}.
   *
   * @throws MessageRefusedException when the From is not the sender, there is no recipient, or the
   *     server refuses a recipient (the message names them); nothing was sent
   * @throws MailUnavailableException when the server cannot be reached or fails
   */
  public void submit(EmailAddress sender, List<EmailAddress> recipients, Path file)
      throws MessageRefusedException, MailUnavailableException, IOException {
    if (recipients.isEmpty()) {
      throw new MessageRefusedException("a message needs at least one recipient");
    }
    Session session = MailSessions.smtp(servers.smtp(), servers.smtpLogin().isPresent());
    session.getProperties().setProperty(smtpPrefix() + "from", sender.ascii());
    try (SharedFileInputStream in = new SharedFileInputStream(file.toFile())) {
      MimeMessage message = new MimeMessage(session, in);
      SenderRule.check(message, sender);
      Address[] to = new Address[recipients.size()];
      for (int i = 0; i < to.length; i++) {
        to[i] = new InternetAddress(recipients.get(i).ascii(), false);
      }
      try (Transport transport = session.getTransport()) {
        if (servers.smtpLogin().isPresent()) {
          transport.connect(servers.smtpLogin().get().user(), servers.smtpLogin().get().secret());
        } else {
          transport.connect();
        }
        transport.sendMessage(message, to);
      }
    } catch (SendFailedException e) {
      Address[] refused = e.getInvalidAddresses();
      if (refused != null && refused.length > 0) {
        throw new MessageRefusedException(
            "the mail server refused "
                + Arrays.stream(refused).map(Address::toString).collect(Collectors.joining(", "))
                + "; nothing was sent",
            e);
      }
      throw unavailable(e);
    } catch (MessagingException e) {
      throw unavailable(e);
    }
  }

  private String smtpPrefix() {
    return servers.smtp().security() == MailServers.Security.TLS ? "mail.smtps." : "mail.smtp.";
  }

  private MailUnavailableException unavailable(MessagingException e) {
    LOG.warn("SMTP submission to {} failed", servers.smtp(), e);
    return new MailUnavailableException(
        "The mail server "
            + servers.smtp().host()
            + " did not take the message; nothing was sent. Try again in a moment.",
        e);
  }
}
