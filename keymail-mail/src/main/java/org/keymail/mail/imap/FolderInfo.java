package org.keymail.mail.imap;

import java.util.Objects;
import java.util.Optional;

/**
 * A folder of a mailbox.
 *
 * @param name its full name on the server ({@code INBOX}, {@code Sent}, {@code Archive/2026})
 * @param messages how many messages it holds
 * @param unread how many of them are not yet seen
 * @param role what keymail uses it for, when it is the Sent, Drafts or Trash folder
 */
public record FolderInfo(String name, int messages, int unread, Optional<FolderRole> role) {
  public FolderInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }
}
