package org.keymail.mail.imap;

import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.keymail.mail.MailLogin;
import org.keymail.mail.MailServers;
import org.keymail.mail.embedded.EmbeddedMailServer;
import org.keymail.smime.address.EmailAddress;

class EmbeddedMailboxTest extends MailboxContract {

  private static EmbeddedMailServer server;

  @BeforeAll
  static void start() {
    server = EmbeddedMailServer.start(0, 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  EmailAddress newUser() {
    EmailAddress user = EmailAddress.parse("bob-" + System.nanoTime() + "@example.org");
    server.ensureMailbox(user);
    return user;
  }

  @Override
  MailServers servers() {
    return server.servers();
  }

  @Override
  MailServers refusedLogin() {
    MailServers real = server.servers();
    return new MailServers(
        real.imap(), new MailLogin.PerUser(user -> "wrong-secret"), real.smtp(), Optional.empty());
  }
}
