package org.keymail.cli.bridge.imap;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the IMAP side serves: the user's folders and messages, each message as the mail client is to
 * get it. One instance serves every connection of the bridge; its methods may be called from
 * several threads.
 */
public interface ImapMailbox {

  /**
   * A folder.
   *
   * @param name its name as the mail server has it
   * @param specialUse {@code \Sent}, {@code \Drafts} or {@code \Trash} (RFC 6154) where it is one
   */
  record Folder(String name, Optional<String> specialUse, int messages, int unseen) {}

  /**
   * A message in a folder, before anything of it is fetched.
   *
   * @param flags its standard flags as IMAP names them ({@code \Seen}, {@code \Answered}, {@code
   *     \Flagged}, {@code \Deleted}, {@code \Draft})
   */
  record Message(long uid, Set<String> flags, Instant date) {
    public Message {
      flags = Set.copyOf(flags);
    }

    /** A message with no flag but the read mark, when it was read. */
    public Message(long uid, boolean seen, Instant date) {
      this(uid, seen ? Set.of(StandardFlags.SEEN) : Set.of(), date);
    }

    public boolean seen() {
      return flags.contains(StandardFlags.SEEN);
    }
  }

  List<Folder> folders() throws Unavailable;

  /** Every message of {@code folder}, by ascending UID. */
  List<Message> messages(String folder) throws Unavailable;

  /** The message as the client gets it (every byte the client sees, sizes included). */
  byte[] message(String folder, long uid) throws Unavailable;

  /** Marks the message read on the mail server. */
  void markSeen(String folder, long uid) throws Unavailable;

  /**
   * Sets the flags of {@code added} on a message and clears those of {@code removed} on the mail
   * server; {@code \Deleted} only marks it for {@link #expunge}.
   */
  void flag(String folder, long uid, Set<String> added, Set<String> removed) throws Unavailable;

  /** Copies a message to {@code target}, flags and all. */
  void copy(String folder, long uid, String target) throws Unavailable;

  /** Moves a message to {@code target}, flags and all. */
  void move(String folder, long uid, String target) throws Unavailable;

  /** Removes for good the messages of {@code folder} marked {@code \Deleted}. */
  void expunge(String folder) throws Unavailable;

  /**
   * Stores a message the client gives (APPEND) in {@code folder} with {@code flags}; refused when
   * keymail will not store it as it is.
   */
  void append(String folder, Set<String> flags, byte[] message) throws Unavailable, Refused;

  /**
   * The mailbox will not do what the client asked; the text says why and is shown to the person.
   */
  final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    public Refused(String message) {
      super(message);
    }
  }

  /** The mailbox cannot answer now; the text says why and is shown to the person. */
  final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }

    public Unavailable(String message) {
      super(message);
    }
  }
}
