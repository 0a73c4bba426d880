package org.keymail.smime.address;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.keymail.smime.internal.VisibleText;

/**
 * The value of one address header field of received mail (From, Sender, Reply-To…), read the way
 * keymail judges it: RFC 5322 §3.4 address-list syntax, strictly, with what a lenient mail client
 * would show next to each address. Reading never throws: a value keymail cannot read has {@link
 * #unreadable()} set, with the reason, so the verdict can say so instead of failing.
 *
 * <p>Strict on purpose: where the syntax is broken, mail clients guess, and different clients guess
 * different addresses; a verdict must not vouch for one of them.
 *
 * @param text the field's value as found (hostile: show it through {@link #shown()})
 * @param entries the mailboxes and groups, in order; empty when unreadable or empty
 * @param unreadable why the value is not a readable address list, in words a person reads (safe to
 *     show), or empty when it is readable
 */
public record AddressList(String text, List<Entry> entries, Optional<String> unreadable) {

  public AddressList {
    Objects.requireNonNull(text, "text");
    entries = List.copyOf(entries);
    Objects.requireNonNull(unreadable, "unreadable");
  }

  /** Reads {@code value}, the unfolded value of an address header field; never throws. */
  public static AddressList read(String value) {
    return AddressListParser.parse(value == null ? "" : value);
  }

  /** An entry of the list: a mailbox, or a named group of mailboxes. */
  public sealed interface Entry permits Mailbox, Group {}

  /**
   * One mailbox: {@code Alice <alice@example.org>}, {@code alice@example.org (Alice)}, …
   *
   * @param displayName the display name, with encoded words (RFC 2047) decoded wherever they stand,
   *     quoted strings included, as the most lenient client would show it; empty when none
   * @param comments the comments in parentheses, decoded the same way (some clients show them as
   *     the name)
   * @param addrSpec the address as written between the angle brackets or alone
   * @param address what {@link EmailAddress#read(String)} makes of {@code addrSpec}
   */
  public record Mailbox(
      Optional<String> displayName, List<String> comments, String addrSpec, AddressReading address)
      implements Entry {
    public Mailbox {
      Objects.requireNonNull(displayName, "displayName");
      comments = List.copyOf(comments);
      Objects.requireNonNull(addrSpec, "addrSpec");
      Objects.requireNonNull(address, "address");
    }
  }

  /**
   * A group ({@code undisclosed-recipients:;}, {@code team: a@example.org, b@example.org;}).
   *
   * @param displayName the group's name, decoded
   * @param members its mailboxes, possibly none
   */
  public record Group(String displayName, List<Mailbox> members) implements Entry {
    public Group {
      Objects.requireNonNull(displayName, "displayName");
      members = List.copyOf(members);
    }
  }

  /** Whether the value was a readable address list. */
  public boolean isReadable() {
    return unreadable.isEmpty();
  }

  /** Every mailbox of the list, group members included, in order. */
  public List<Mailbox> mailboxes() {
    List<Mailbox> all = new ArrayList<>();
    for (Entry entry : entries) {
      switch (entry) {
        case Mailbox mailbox -> all.add(mailbox);
        case Group group -> all.addAll(group.members());
      }
    }
    return all;
  }

  /** The groups of the list. */
  public List<Group> groups() {
    return entries.stream().filter(Group.class::isInstance).map(Group.class::cast).toList();
  }

  /** The value quoted and made safe to show. */
  public String shown() {
    return VisibleText.quoted(text);
  }
}
