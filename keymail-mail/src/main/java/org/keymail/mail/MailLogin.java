package org.keymail.mail;

import java.util.Objects;
import java.util.function.Function;
import org.keymail.smime.address.EmailAddress;

/**
 * How keymail logs in to the IMAP server for one of its users. Users have no mail password in
 * keymail: keymail either proves its own identity and asks to act as the user (a proxy login), or
 * holds a credential per mailbox it made itself (the embedded server).
 */
public sealed interface MailLogin {

  /**
   * SASL PLAIN with an authorisation identity (RFC 4616): keymail authenticates as {@code
   * masterUser} and is authorised as the user, as Dovecot's master users and Cyrus' proxy
   * administrators allow.
   *
   * @param masterUser keymail's own login on the mail server
   * @param secret its password; never logged, never shown
   */
  record Proxy(String masterUser, String secret) implements MailLogin {
    public Proxy {
      Objects.requireNonNull(masterUser, "masterUser");
      Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
      return "Proxy[masterUser=" + masterUser + ", secret=(hidden)]";
    }
  }

  /**
   * A login and password per user, looked up when a mailbox is opened: the embedded server's
   * mailboxes, whose credentials keymail made and keeps in memory.
   *
   * @param passwordOf the password of a user's mailbox; the login is the address itself
   */
  record PerUser(Function<EmailAddress, String> passwordOf) implements MailLogin {
    public PerUser {
      Objects.requireNonNull(passwordOf, "passwordOf");
    }

    @Override
    public String toString() {
      return "PerUser[(passwords hidden)]";
    }
  }
}
