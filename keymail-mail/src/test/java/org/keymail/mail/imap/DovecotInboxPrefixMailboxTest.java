package org.keymail.mail.imap;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.keymail.mail.MailServers;
import org.keymail.smime.address.EmailAddress;

/**
 * The contract against a Dovecot that keeps every folder under the inbox ({@code INBOX.Sent}, as
 * Courier did and many servers migrated from it still do): keymail's folder names are the same
 * there, without the prefix.
 */
class DovecotInboxPrefixMailboxTest extends MailboxContract {

  private static ContractDovecot dovecot;

  @BeforeAll
  static void start() throws Exception {
    dovecot =
        ContractDovecot.start(
            List.of(
                "namespace inbox {", "  inbox = yes", "  prefix = INBOX.", "  separator = .", "}"));
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
