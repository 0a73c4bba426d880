package org.keymail.mail.imap;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.keymail.mail.MailServers;
import org.keymail.smime.address.EmailAddress;

/**
 * The contract against a Dovecot whose Sent, Drafts and Trash have names of their own, flagged
 * special-use (RFC 6154) as Apple's and Microsoft's clients name them: keymail writes to and moves
 * to those, and makes no Sent or Trash of its own beside them.
 */
class DovecotSpecialUseMailboxTest extends MailboxContract {

  private static ContractDovecot dovecot;

  @BeforeAll
  static void start() throws Exception {
    dovecot =
        ContractDovecot.start(
            List.of(
                "namespace inbox {",
                "  inbox = yes",
                "  mailbox \"Sent Messages\" {",
                "    special_use = \\Sent",
                "    auto = subscribe",
                "  }",
                "  mailbox \"Deleted Items\" {",
                "    special_use = \\Trash",
                "    auto = create",
                "  }",
                "  mailbox Drafts {",
                "    special_use = \\Drafts",
                "  }",
                "}"));
  }

  @AfterAll
  static void stop() throws Exception {
    dovecot.close();
  }

  @Override
  String expectedFolder(FolderRole role) {
    return switch (role) {
      case SENT -> "Sent Messages";
      case DRAFTS -> "Drafts";
      case TRASH -> "Deleted Items";
    };
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
