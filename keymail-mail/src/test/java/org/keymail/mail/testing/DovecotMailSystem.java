package org.keymail.mail.testing;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.eclipse.angus.mail.iap.Literal;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.keymail.mail.MailLogin;
import org.keymail.mail.MailServers;
import org.keymail.mail.MailServers.Endpoint;
import org.keymail.mail.MailServers.Security;
import org.keymail.mail.MailSessions;

/**
 * An organisation's mail system for tests, as keymail meets it in production: a throwaway {@link
 * Dovecot} for the mailboxes and an SMTP relay of its own in front of it, which puts every message
 * it takes, byte for byte, into the INBOX of each envelope recipient (Bcc too) with an IMAP APPEND
 * as Dovecot's master user. Only the {@code users} named at the start have a mailbox: mail for
 * anyone else is refused, as a real relay would bounce it.
 */
public final class DovecotMailSystem implements AutoCloseable {

  private final Dovecot dovecot;
  private final SmtpRelay relay;

  private DovecotMailSystem(Dovecot dovecot, SmtpRelay relay) {
    this.dovecot = dovecot;
    this.relay = relay;
  }

  /** Starts Dovecot with a mailbox for each of {@code users}, and the relay that delivers to it. */
  public static DovecotMailSystem start(List<String> users)
      throws IOException, InterruptedException {
    return start(users, List.of());
  }

  /**
   * As {@link #start(List)}, with {@code moreConfig} lines at the end of Dovecot's configuration.
   */
  public static DovecotMailSystem start(List<String> users, List<String> moreConfig)
      throws IOException, InterruptedException {
    // Dovecot's own processes must reach the folder: not under a test's private one.
    Dovecot dovecot =
        Dovecot.start(
            Files.createTempDirectory("keymail-dovecot"),
            "master-" + System.nanoTime(),
            users,
            moreConfig);
    try {
      DovecotMailSystem[] system = new DovecotMailSystem[1];
      SmtpRelay relay =
          SmtpRelay.start(
              (sender, recipients, message) -> {
                for (String recipient : recipients) {
                  system[0].deliver(recipient, message);
                }
              });
      system[0] = new DovecotMailSystem(dovecot, relay);
      return system[0];
    } catch (IOException | RuntimeException e) {
      dovecot.close();
      throw e;
    }
  }

  /** Dovecot's IMAP port on 127.0.0.1 (no TLS). */
  public int imapPort() {
    return dovecot.port();
  }

  /** The relay's SMTP port on 127.0.0.1 (no TLS, no login: keymail is a trusted client). */
  public int smtpPort() {
    return relay.port();
  }

  /** keymail's master user on Dovecot. */
  public String masterUser() {
    return Dovecot.MASTER;
  }

  public String masterSecret() {
    return dovecot.masterSecret();
  }

  /** The settings that reach this system, as keymail is configured for it. */
  public MailServers servers() {
    return new MailServers(
        imap(),
        new MailLogin.Proxy(masterUser(), masterSecret()),
        new Endpoint("127.0.0.1", smtpPort(), Security.NONE),
        Optional.empty());
  }

  private Endpoint imap() {
    return new Endpoint("127.0.0.1", imapPort(), Security.NONE);
  }

  /**
   * Appends {@code message} to {@code recipient}'s INBOX as the exact bytes given (a literal, not a
   * message parsed and written again).
   */
  private void deliver(String recipient, byte[] message) throws MessagingException {
    try (Store store = MailSessions.imap(imap(), Optional.of(recipient)).getStore()) {
      store.connect(masterUser(), masterSecret());
      IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
      inbox.doCommand(
          protocol -> {
            protocol.append(
                "INBOX",
                null,
                null,
                new Literal() {
                  @Override
                  public int size() {
                    return message.length;
                  }

                  @Override
                  public void writeTo(java.io.OutputStream out) throws IOException {
                    out.write(message);
                  }
                });
            return null;
          });
    }
  }

  /** Stops the relay and Dovecot. */
  @Override
  public void close() throws IOException {
    try {
      relay.close();
    } finally {
      dovecot.close();
    }
  }
}
