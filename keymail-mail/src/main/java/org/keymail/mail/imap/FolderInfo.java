package org.keymail.mail.imap;

import java.util.Objects;

/**
 * A folder of a mailbox.
 *
 * @param name its full name on the server ({@code INBOX}, {@code Sent}, {@code Archive/2026})
 * @param messages how many messages it holds
 * @param unread how many of them are not yet seen
 */
public record FolderInfo(String name, int messages, int unread) {
  public FolderInfo {
    Objects.requireNonNull(name, "name");
  }
}
