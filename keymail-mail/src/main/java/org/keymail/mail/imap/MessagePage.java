package org.keymail.mail.imap;

import java.util.List;
import java.util.Objects;

/**
 * One page of a folder, newest first.
 *
 * @param folder the folder's name
 * @param page the page number, from 0
 * @param pageSize how many messages a page holds
 * @param total how many messages the folder holds
 * @param messages this page's messages, newest first
 */
public record MessagePage(
    String folder, int page, int pageSize, int total, List<MessageSummary> messages) {
  public MessagePage {
    Objects.requireNonNull(folder, "folder");
    messages = List.copyOf(messages);
  }

  /** How many pages the folder fills (at least one, even when empty). */
  public int pages() {
    return Math.max(1, (total + pageSize - 1) / pageSize);
  }

  /** Whether an older page follows. */
  public boolean hasOlder() {
    return page + 1 < pages();
  }
}
