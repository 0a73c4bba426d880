package org.keymail.mail.submit;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Optional;
import org.keymail.mail.MessageRefusedException;
import org.keymail.smime.address.AddressList;
import org.keymail.smime.address.EmailAddress;

/**
 * A user sends only as themself: exactly one From field holding exactly one address, the user's
 * own, and any Sender field the same. The receiving keymail judges a signature by the same rule.
 */
public final class SenderRule {

  private SenderRule() {}

  /**
   * Refuses {@code message} unless its From (and any Sender) is {@code user}'s own address.
   *
   * @throws MessageRefusedException naming the field and the address found
   */
  public static void check(MimeMessage message, EmailAddress user)
      throws MessagingException, MessageRefusedException {
    String[] from = message.getHeader("From");
    if (from == null || from.length != 1) {
      throw new MessageRefusedException(
          "a message needs exactly one From field with your address, "
              + user
              + "; this one has "
              + (from == null ? 0 : from.length));
    }
    checkField("From", from[0], user);
    String[] sender = message.getHeader("Sender");
    if (sender != null) {
      for (String value : sender) {
        checkField("Sender", value, user);
      }
    }
  }

  private static void checkField(String field, String value, EmailAddress user)
      throws MessageRefusedException {
    AddressList list = AddressList.read(value);
    List<AddressList.Mailbox> mailboxes = list.mailboxes();
    Optional<EmailAddress> address =
        list.isReadable() && list.groups().isEmpty() && mailboxes.size() == 1
            ? mailboxes.get(0).address().address()
            : Optional.empty();
    if (address.isEmpty() || !address.get().equals(user)) {
      throw new MessageRefusedException(
          "keymail sends only as you: the "
              + field
              + " field must be your address, "
              + user
              + ", not "
              + list.shown());
    }
  }
}
