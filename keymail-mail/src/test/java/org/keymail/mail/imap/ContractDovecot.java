package org.keymail.mail.imap;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keymail.mail.MailLogin;
import org.keymail.mail.MailServers;
import org.keymail.mail.MailServers.Endpoint;
import org.keymail.mail.MailServers.Security;
import org.keymail.mail.testing.Dovecot;
import org.keymail.smime.address.EmailAddress;

/** A Dovecot for one run of the mailbox contract, with a fresh user for each test. */
final class ContractDovecot implements AutoCloseable {

  private final Dovecot dovecot;

  /** Dovecot's users, made before it starts: it reads its user file again only now and then. */
  private final List<EmailAddress> users;

  private ContractDovecot(Dovecot dovecot, List<EmailAddress> users) {
    this.dovecot = dovecot;
    this.users = users;
  }

  /** Starts Dovecot with {@code moreConfig} at the end of its configuration. */
  static ContractDovecot start(List<String> moreConfig) throws IOException, InterruptedException {
    List<EmailAddress> users = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      users.add(EmailAddress.parse("bob" + i + "-" + System.nanoTime() + "@example.org"));
    }
    Dovecot dovecot =
        Dovecot.start(
            Files.createTempDirectory("keymail-dovecot"),
            "master-" + System.nanoTime(),
            users.stream().map(EmailAddress::ascii).toList(),
            moreConfig);
    return new ContractDovecot(dovecot, users);
  }

  EmailAddress newUser() {
    return users.remove(0);
  }

  /** The servers, keymail logging in as its master user. */
  MailServers servers() {
    return servers(dovecot.masterSecret());
  }

  /** The servers with a master secret Dovecot refuses. */
  MailServers refusedLogin() {
    return servers("wrong-secret");
  }

  private MailServers servers(String secret) {
    Endpoint imap = new Endpoint("127.0.0.1", dovecot.port(), Security.NONE);
    return new MailServers(
        imap, new MailLogin.Proxy(Dovecot.MASTER, secret), imap, Optional.empty());
  }

  @Override
  public void close() throws IOException {
    dovecot.close();
  }
}
