package org.keymail.server.webmail.read;

import java.util.Optional;
import org.keymail.mail.embedded.EmbeddedMailServer;
import org.keymail.mail.imap.Mailbox;
import org.keymail.mail.imap.Mailboxes;
import org.keymail.server.mail.MailWiring.MailBackend;
import org.keymail.server.signin.PassKeySignIn;
import org.keymail.server.signin.SignedIn;
import org.keymail.smime.address.EmailAddress;
import org.keymail.vault.user.User;
import org.springframework.stereotype.Component;

/**
 * The signed-in person's mailbox. With the embedded mail server, the mailbox is made the first time
 * its owner opens the webmail, so every keymail user has one.
 */
@Component
public class UserMailboxes {

  private final Mailboxes mailboxes;
  private final Optional<EmbeddedMailServer> embedded;
  private final PassKeySignIn people;

  UserMailboxes(Mailboxes mailboxes, MailBackend backend, PassKeySignIn people) {
    this.mailboxes = mailboxes;
    this.embedded = backend.embedded();
    this.people = people;
  }

  /** The signed-in person: their id and address. */
  public Reader reader() {
    java.util.UUID id = SignedIn.user().userId();
    User user =
        people
            .user(id)
            .orElseThrow(() -> new IllegalStateException("a signed-in user is not in the vault"));
    return new Reader(id, EmailAddress.parse(user.email()), user.displayName());
  }

  /** The mailbox of {@code reader}, made first on the embedded server. */
  public Mailbox of(Reader reader) {
    embedded.ifPresent(server -> server.ensureMailbox(reader.address()));
    return mailboxes.of(reader.address());
  }

  /**
   * Who is reading.
   *
   * @param userId their vault id
   * @param address their mail address
   * @param displayName their name
   */
  public record Reader(java.util.UUID userId, EmailAddress address, String displayName) {}
}
