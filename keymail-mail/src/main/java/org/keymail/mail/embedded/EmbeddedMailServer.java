package org.keymail.mail.embedded;

import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.ServerSetup;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.keymail.mail.MailLogin;
import org.keymail.mail.MailServers;
import org.keymail.mail.MailServers.Endpoint;
import org.keymail.mail.MailServers.Security;
import org.keymail.smime.address.EmailAddress;

/**
 * An IMAP and SMTP server inside keymail's own process (GreenMail), listening on the loopback
 * address only, so that one command runs the whole system with nothing else installed. Every
 * mailbox has a random password made here and known only to this process; users never see one. Mail
 * sent through its SMTP port is delivered to the mailboxes here, whatever the recipient's domain
 * (it relays nowhere). Messages are held in memory and are gone when keymail stops: a real
 * deployment names its own mail server.
 */
public final class EmbeddedMailServer implements AutoCloseable {

  private static final String LOOPBACK = "127.0.0.1";

  private final PromptGreenMail greenMail;
  private final Map<EmailAddress, String> passwords = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  private EmbeddedMailServer(PromptGreenMail greenMail) {
    this.greenMail = greenMail;
  }

  /** Starts the server on these ports of the loopback address; 0 picks free ones. */
  public static EmbeddedMailServer start(int smtpPort, int imapPort) {
    PromptGreenMail greenMail =
        new PromptGreenMail(
            new ServerSetup[] {
              setup(smtpPort, ServerSetup.PROTOCOL_SMTP), setup(imapPort, ServerSetup.PROTOCOL_IMAP)
            });
    greenMail.start();
    EmbeddedMailServer server = new EmbeddedMailServer(greenMail);
    // GreenMail makes a mailbox for an unknown recipient with the address as its password; here
    // such a mailbox gets a random password like every other.
    greenMail
        .getUserManager()
        .setMessageDeliveryHandler(
            (message, recipient) -> {
              String address = recipient.getEmail();
              var user = greenMail.getUserManager().getUserByEmail(address);
              if (user != null) {
                return user;
              }
              server.mailboxFor(address);
              return greenMail.getUserManager().getUserByEmail(address);
            });
    return server;
  }

  private static ServerSetup setup(int port, String protocol) {
    ServerSetup setup = new ServerSetup(port, LOOPBACK, protocol);
    return port == 0 ? setup.dynamicPort() : setup;
  }

  /** The settings that reach this server: keymail logs in to each mailbox with its password. */
  public MailServers servers() {
    return new MailServers(
        new Endpoint(LOOPBACK, greenMail.port(ServerSetup.PROTOCOL_IMAP), Security.NONE),
        new MailLogin.PerUser(this::passwordOf),
        new Endpoint(LOOPBACK, greenMail.port(ServerSetup.PROTOCOL_SMTP), Security.NONE),
        Optional.empty());
  }

  /** Makes the user's mailbox unless it exists. */
  public void ensureMailbox(EmailAddress user) {
    passwordOf(user);
  }

  /** The mailbox of a recipient keymail has not met yet, made with a random password. */
  private void mailboxFor(String address) {
    EmailAddress.read(address)
        .address()
        .ifPresentOrElse(
            this::ensureMailbox,
            () -> {
              throw new IllegalArgumentException("not a mailbox address: " + address);
            });
  }

  private String passwordOf(EmailAddress user) {
    return passwords.computeIfAbsent(user, this::create);
  }

  private String create(EmailAddress user) {
    byte[] secret = new byte[24];
    random.nextBytes(secret);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    try {
      var users = greenMail.getUserManager();
      var existing = users.getUserByEmail(user.ascii());
      if (existing != null) {
        // Made by a delivery before keymail asked for it: give it keymail's password.
        existing.setPassword(password);
      } else {
        users.createUser(user.ascii(), user.ascii(), password);
      }
    } catch (UserException e) {
      throw new IllegalStateException("the embedded mail server refused the mailbox of " + user, e);
    }
    return password;
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
