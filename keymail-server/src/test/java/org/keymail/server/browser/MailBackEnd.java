package org.keymail.server.browser;

import java.util.List;
import java.util.Map;
import org.keymail.mail.testing.DovecotMailSystem;
import org.keymail.testing.FreePorts;

/**
 * The mail servers a browser flow runs against: keymail's embedded one, or a real Dovecot reached
 * as keymail's master user with an SMTP relay in front of it, configured as an administrator would
 * configure an organisation's own mail server.
 */
enum MailBackEnd {
  EMBEDDED {
    @Override
    Running start(List<String> users) {
      int smtp = FreePorts.pick();
      return new Running(Map.of("keymail.mail.embedded-smtp-port", "" + smtp), smtp, () -> {});
    }
  },
  DOVECOT {
    @Override
    Running start(List<String> users) throws Exception {
      DovecotMailSystem mail = DovecotMailSystem.start(users);
      return new Running(
          Map.of(
              "keymail.mail.imap-host",
              "127.0.0.1",
              "keymail.mail.imap-port",
              "" + mail.imapPort(),
              "keymail.mail.imap-security",
              "none",
              "keymail.mail.master-user",
              mail.masterUser(),
              "keymail.mail.master-secret",
              mail.masterSecret(),
              "keymail.mail.smtp-host",
              "127.0.0.1",
              "keymail.mail.smtp-port",
              "" + mail.smtpPort(),
              "keymail.mail.smtp-security",
              "none"),
          mail.smtpPort(),
          mail::close);
    }
  };

  /**
   * Starts the mail servers; with Dovecot only {@code users} have a mailbox (the embedded server
   * makes one for anyone).
   */
  abstract Running start(List<String> users) throws Exception;

  /**
   * Mail servers started for a test.
   *
   * @param settings the keymail settings that reach them
   * @param smtpPort where mail from outside the organisation is delivered over SMTP
   * @param stop stops them
   */
  record Running(Map<String, String> settings, int smtpPort, Stop stop) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      stop.stop();
    }
  }

  /** Stops what a back-end started. */
  @FunctionalInterface
  interface Stop {
    void stop() throws Exception;
  }
}
