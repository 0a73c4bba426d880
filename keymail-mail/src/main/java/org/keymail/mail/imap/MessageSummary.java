package org.keymail.mail.imap;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One line of a message list: what the outer header says, never anything decrypted (the subject of
 * an encrypted message is its outer subject).
 *
 * @param uid the message's IMAP UID in its folder (stable while the folder's UIDVALIDITY is)
 * @param from the sender as the From field shows it (display name, else address)
 * @param fromAddress the From address, when there is one
 * @param to the To addresses as the outer header lists them
 * @param subject the subject, decoded; empty when there is none
 * @param date the date the message says it was sent, else the date the server received it
 * @param size its size in bytes on the server
 * @param kind signed, encrypted or neither, from its outer structure
 * @param attachments whether its outer structure shows an attachment (unknown, so false, for an
 *     encrypted message)
 * @param seen whether it was read
 * @param flags its standard flags, {@link MessageFlag#SEEN} among them when it was read
 */
public record MessageSummary(
    long uid,
    String from,
    Optional<String> fromAddress,
    List<String> to,
    String subject,
    Instant date,
    long size,
    SecureKind kind,
    boolean attachments,
    boolean seen,
    Set<MessageFlag> flags) {
  public MessageSummary {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(fromAddress, "fromAddress");
    to = List.copyOf(to);
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(kind, "kind");
    flags = Set.copyOf(flags);
  }
}
