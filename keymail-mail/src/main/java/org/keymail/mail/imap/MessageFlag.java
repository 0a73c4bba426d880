package org.keymail.mail.imap;

import jakarta.mail.Flags;
import java.util.EnumSet;
import java.util.Set;

/**
 * The standard IMAP message flags (RFC 9051 §2.3.2) a user changes from keymail or their desktop
 * mail client through the bridge; {@code \Recent} is the server's own and is never set by a client.
 */
public enum MessageFlag {
  SEEN(Flags.Flag.SEEN),
  ANSWERED(Flags.Flag.ANSWERED),
  FLAGGED(Flags.Flag.FLAGGED),
  DELETED(Flags.Flag.DELETED),
  DRAFT(Flags.Flag.DRAFT);

  private final Flags.Flag imap;

  MessageFlag(Flags.Flag imap) {
    this.imap = imap;
  }

  /** The flags of {@code flags} that keymail knows. */
  static Set<MessageFlag> of(Flags flags) {
    Set<MessageFlag> known = EnumSet.noneOf(MessageFlag.class);
    for (MessageFlag flag : values()) {
      if (flags.contains(flag.imap)) {
        known.add(flag);
      }
    }
    return known;
  }

  /** {@code flags} as Jakarta Mail holds them. */
  static Flags imap(Set<MessageFlag> flags) {
    Flags imap = new Flags();
    for (MessageFlag flag : flags) {
      imap.add(flag.imap);
    }
    return imap;
  }
}
