package org.keymail.cli.bridge.imap;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

  /** A message in a folder, before anything of it is fetched. */
  record Message(long uid, boolean seen, Instant date) {}

  List<Folder> folders() throws Unavailable;

  /** Every message of {@code folder}, by ascending UID. */
  List<Message> messages(String folder) throws Unavailable;

  /** The message as the client gets it (every byte the client sees, sizes included). */
  byte[] message(String folder, long uid) throws Unavailable;

  /** Marks the message read on the mail server. */
  void markSeen(String folder, long uid) throws Unavailable;

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
