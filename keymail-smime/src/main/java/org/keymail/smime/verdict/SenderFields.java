package org.keymail.smime.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keymail.smime.address.AddressList;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.internal.VisibleText;

/**
 * Who a message says it is from: every From and every Sender field of its header, each read as an
 * {@link AddressList}, so the verdict can count them and judge each as found (RFC 5322 §3.6.2
 * allows exactly one From and at most one Sender).
 *
 * @param from the From fields, in the order of the header
 * @param sender the Sender fields, in the order of the header
 */
public record SenderFields(List<AddressList> from, List<AddressList> sender) {

  public SenderFields {
    from = List.copyOf(from);
    sender = List.copyOf(sender);
  }

  /** Reads the unfolded values of the From fields and of the Sender fields; never throws. */
  public static SenderFields read(List<String> fromValues, List<String> senderValues) {
    return new SenderFields(readEach(fromValues), readEach(senderValues));
  }

  private static List<AddressList> readEach(List<String> values) {
    List<AddressList> read = new java.util.ArrayList<>(values.size());
    for (String value : values) {
      read.add(AddressList.read(value));
    }
    return read;
  }

  /** A message with neither From nor Sender. */
  public static SenderFields none() {
    return new SenderFields(List.of(), List.of());
  }

  /** The usable addresses of every From field, group members included. */
  public List<EmailAddress> fromAddresses() {
    return usable(from);
  }

  /** The usable addresses of every Sender field. */
  public List<EmailAddress> senderAddresses() {
    return usable(sender);
  }

  /**
   * The From fields as a person reads them in a summary: every address judged, unusable ones
   * quoted.
   */
  public String fromShown() {
    return from.isEmpty() ? "(none)" : shown(from);
  }

  /** The Sender fields as {@link #fromShown()} shows From; empty when the message has none. */
  public Optional<String> senderShown() {
    return sender.isEmpty() ? Optional.empty() : Optional.of(shown(sender));
  }

  private static List<EmailAddress> usable(List<AddressList> fields) {
    List<EmailAddress> addresses = new ArrayList<>();
    for (AddressList field : fields) {
      for (AddressList.Mailbox mailbox : field.mailboxes()) {
        mailbox.address().address().ifPresent(addresses::add);
      }
    }
    return addresses;
  }

  private static String shown(List<AddressList> fields) {
    List<String> parts = new ArrayList<>();
    for (AddressList field : fields) {
      if (!field.isReadable()) {
        parts.add(field.shown() + " (unreadable)");
      } else if (field.entries().isEmpty()) {
        parts.add("(empty)");
      }
      for (AddressList.Entry entry : field.entries()) {
        switch (entry) {
          case AddressList.Mailbox mailbox -> parts.add(shown(mailbox.address()));
          case AddressList.Group group ->
              parts.add(
                  "group "
                      + VisibleText.quoted(group.displayName())
                      + ": "
                      + String.join(
                          ", ", group.members().stream().map(m -> shown(m.address())).toList())
                      + ";");
        }
      }
    }
    return String.join(", ", parts);
  }

  static String shown(AddressReading reading) {
    return reading.address().map(EmailAddress::ascii).orElseGet(reading::shown);
  }
}
