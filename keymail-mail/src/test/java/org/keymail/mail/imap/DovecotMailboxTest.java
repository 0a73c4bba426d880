package org.keymail.mail.imap;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.keymail.mail.MailServers;
import org.keymail.smime.address.EmailAddress;

/**
 * The same contract against a real Dovecot, where keymail logs in as its master user on each user's
 * behalf (SASL PLAIN with an authorisation identity). Dovecot's own users here have no usable
 * password: the proxy login is the only way in.
 */
class DovecotMailboxTest extends MailboxContract {

  private static ContractDovecot dovecot;

  @BeforeAll
  static void start() throws Exception {
    dovecot = ContractDovecot.start(List.of());
  }

  @AfterAll
  static void stop() throws Exception {
    dovecot.close();
  }

  @Override
  EmailAddress newUser() {
    return dovecot.newUser();
  }

  @Override
  MailServers servers() {
    return dovecot.servers();
  }

  @Override
  MailServers refusedLogin() {
    return dovecot.refusedLogin();
  }
}
