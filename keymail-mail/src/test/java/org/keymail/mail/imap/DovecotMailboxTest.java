package org.keymail.mail.imap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.keymail.mail.MailLogin;
import org.keymail.mail.MailServers;
import org.keymail.mail.MailServers.Endpoint;
import org.keymail.mail.MailServers.Security;
import org.keymail.mail.testing.Dovecot;
import org.keymail.smime.address.EmailAddress;

/**
 * The same contract against a real Dovecot, where keymail logs in as its master user on each user's
 * behalf (SASL PLAIN with an authorisation identity). Dovecot's own users here have no usable
 * password: the proxy login is the only way in.
 */
class DovecotMailboxTest extends MailboxContract {

  private static Dovecot dovecot;
  private static Path folder;

  /** Dovecot's users, made before it starts: it reads its user file again only now and then. */
  private static final List<EmailAddress> USERS = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    folder = Files.createTempDirectory("keymail-dovecot");
    for (int i = 0; i < 20; i++) {
      USERS.add(EmailAddress.parse("bob" + i + "-" + System.nanoTime() + "@example.org"));
    }
    dovecot =
        Dovecot.start(
            folder,
            "master-" + System.nanoTime(),
            USERS.stream().map(EmailAddress::ascii).toList());
  }

  @AfterAll
  static void stop() throws Exception {
    dovecot.close();
  }

  @Override
  EmailAddress newUser() {
    return USERS.remove(0);
  }

  @Override
  MailServers servers() {
    return servers(dovecot.masterSecret());
  }

  @Override
  MailServers refusedLogin() {
    return servers("wrong-secret");
  }

  private static MailServers servers(String secret) {
    Endpoint imap = new Endpoint("127.0.0.1", dovecot.port(), Security.NONE);
    return new MailServers(
        imap, new MailLogin.Proxy(Dovecot.MASTER, secret), imap, Optional.empty());
  }
}
