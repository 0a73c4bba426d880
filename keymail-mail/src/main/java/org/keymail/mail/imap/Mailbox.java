package org.keymail.mail.imap;

import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.keymail.mail.MailUnavailableException;
import org.keymail.mail.MessageRefusedException;
import org.keymail.smime.address.EmailAddress;

/**
 * One user's mailbox. Each call borrows the user's connection from {@link Mailboxes}, opens the
 * folder it needs for that call only and closes it again.
 */
public final class Mailbox {

  /** The most messages one page may hold. */
  public static final int MAX_PAGE_SIZE = 200;

  private final EmailAddress user;
  private final Mailboxes mailboxes;

  Mailbox(EmailAddress user, Mailboxes mailboxes) {
    this.user = user;
    this.mailboxes = mailboxes;
  }

  /** Whose mailbox this is. */
  public EmailAddress user() {
    return user;
  }

  /**
   * The folders that hold messages: INBOX, then Drafts, Sent and Trash (whatever the server names
   * them, so they are where a mail client's user looks for them), then the others by name.
   */
  public List<FolderInfo> folders() throws MailUnavailableException {
    Store store = mailboxes.store(user);
    try {
      String prefix = personalPrefix(store);
      Map<String, FolderRole> roles = new HashMap<>();
      for (FolderRole role : FolderRole.values()) {
        roles.put(onServer(store, folderFor(role)), role);
      }
      List<FolderInfo> folders = new ArrayList<>();
      for (Folder folder : store.getDefaultFolder().list("*")) {
        if ((folder.getType() & Folder.HOLDS_MESSAGES) != 0) {
          folders.add(
              counted(
                  (IMAPFolder) folder,
                  prefix,
                  Optional.ofNullable(roles.get(folder.getFullName()))));
        }
      }
      folders.sort(
          Comparator.comparing((FolderInfo f) -> !f.name().equalsIgnoreCase("INBOX"))
              .thenComparing(f -> f.role().map(FolderRole::ordinal).orElse(Integer.MAX_VALUE))
              .thenComparing(FolderInfo::name, String.CASE_INSENSITIVE_ORDER));
      return folders;
    } catch (MessagingException e) {
      throw failed("list the folders", e);
    }
  }

  /**
   * Both counts of a folder in one STATUS command: asked one by one, each count is a round trip of
   * its own, and the list of folders is shown on every webmail page.
   */
  private static FolderInfo counted(IMAPFolder folder, String prefix, Optional<FolderRole> role)
      throws MessagingException {
    String name = folder.getFullName();
    Status status =
        (Status) folder.doCommand(p -> p.status(name, new String[] {"MESSAGES", "UNSEEN"}));
    return new FolderInfo(shown(name, prefix), status.total, status.unseen, role);
  }

  /**
   * The folder keymail uses for {@code role}: the one the server flags for it (as the user's
   * desktop client does), else keymail's own folder of the role's name, which {@link #append} and
   * {@link #move} make when missing.
   */
  public String folderFor(FolderRole role) throws MailUnavailableException {
    Store store = mailboxes.store(user);
    try {
      String flagged = mailboxes.specialUse(user).get(role);
      return flagged == null ? role.ownName() : shown(flagged, personalPrefix(store));
    } catch (MessagingException e) {
      throw failed("find the " + role.ownName() + " folder", e);
    }
  }

  /** A folder's name as keymail shows and takes it: without the personal prefix. */
  private static String shown(String onServer, String prefix) {
    return !prefix.isEmpty() && onServer.startsWith(prefix)
        ? onServer.substring(prefix.length())
        : onServer;
  }

  /**
   * Page {@code page} (from 0) of {@code folder}, newest first: only that range of message numbers
   * is fetched (envelope, structure, flags, size), whatever the folder's size.
   */
  public MessagePage page(String folder, int page, int pageSize)
      throws MailUnavailableException, MessageRefusedException {
    if (page < 0 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new MessageRefusedException(
          "a page is numbered from 0 and holds 1 to " + MAX_PAGE_SIZE + " messages");
    }
    Folder open = open(folder, Folder.READ_ONLY);
    try {
      int total = open.getMessageCount();
      int newest = total - page * pageSize;
      List<MessageSummary> summaries = new ArrayList<>();
      if (newest >= 1) {
        int oldest = Math.max(1, newest - pageSize + 1);
        Message[] messages = open.getMessages(oldest, newest);
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.CONTENT_INFO);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(FetchProfile.Item.SIZE);
        profile.add(UIDFolder.FetchProfileItem.UID);
        open.fetch(messages, profile);
        for (int i = messages.length - 1; i >= 0; i--) {
          summaries.add(summary((UIDFolder) open, messages[i]));
        }
      }
      return new MessagePage(folder, page, pageSize, total, summaries);
    } catch (MessagingException e) {
      throw failed("list " + folder, e);
    } finally {
      close(open);
    }
  }

  /**
   * Writes the message as the server holds it, byte for byte, to {@code out}, streamed; it is not
   * marked as read (that is {@link #markSeen}'s to say).
   */
  public void write(String folder, long uid, OutputStream out)
      throws MailUnavailableException, MessageRefusedException, IOException {
    Folder open = open(folder, Folder.READ_ONLY);
    try {
      try (InputStream raw = ((IMAPMessage) message(open, folder, uid)).getMimeStream()) {
        raw.transferTo(out);
      }
    } catch (MessagingException e) {
      throw failed("read a message of " + folder, e);
    } finally {
      close(open);
    }
  }

  /**
   * Stores the message in {@code file} in {@code folder} (made when missing), as it is, streamed
   * from the file; returns its UID when the server says it (UIDPLUS).
   */
  public Optional<Long> append(String folder, Path file, boolean seen)
      throws MailUnavailableException, MessageRefusedException, IOException {
    ensureFolder(folder);
    Folder open = open(folder, Folder.READ_WRITE);
    try (SharedFileInputStream in = new SharedFileInputStream(file.toFile())) {
      MimeMessage message = new MimeMessage(null, in);
      if (seen) {
        message.setFlag(Flags.Flag.SEEN, true);
      }
      AppendUID[] uids = ((IMAPFolder) open).appendUIDMessages(new Message[] {message});
      return uids.length == 1 && uids[0] != null
          ? Optional.of(uids[0].uid)
          : Optional.<Long>empty();
    } catch (MessagingException e) {
      throw failed("store a message in " + folder, e);
    } finally {
      close(open);
    }
  }

  /**
   * Stores the message in {@code file} in {@code folder} (made when missing) with {@code flags}, as
   * a mail client's APPEND does; returns its UID when the server says it (UIDPLUS).
   */
  public Optional<Long> append(String folder, Path file, Set<MessageFlag> flags)
      throws MailUnavailableException, MessageRefusedException, IOException {
    ensureFolder(folder);
    Folder open = open(folder, Folder.READ_WRITE);
    try (SharedFileInputStream in = new SharedFileInputStream(file.toFile())) {
      MimeMessage message = new MimeMessage(null, in);
      message.setFlags(MessageFlag.imap(flags), true);
      AppendUID[] uids = ((IMAPFolder) open).appendUIDMessages(new Message[] {message});
      return uids.length == 1 && uids[0] != null
          ? Optional.of(uids[0].uid)
          : Optional.<Long>empty();
    } catch (MessagingException e) {
      throw failed("store a message in " + folder, e);
    } finally {
      close(open);
    }
  }

  /**
   * Sets the flags of {@code added} on a message and clears those of {@code removed}; a flag in
   * both is set. Setting {@link MessageFlag#DELETED} only marks the message: {@link #expunge}
   * removes it.
   */
  public void flag(String folder, long uid, Set<MessageFlag> added, Set<MessageFlag> removed)
      throws MailUnavailableException, MessageRefusedException {
    Folder open = open(folder, Folder.READ_WRITE);
    try {
      Message message = message(open, folder, uid);
      Set<MessageFlag> cleared = EnumSet.noneOf(MessageFlag.class);
      cleared.addAll(removed);
      cleared.removeAll(added);
      if (!cleared.isEmpty()) {
        message.setFlags(MessageFlag.imap(cleared), false);
      }
      if (!added.isEmpty()) {
        message.setFlags(MessageFlag.imap(added), true);
      }
    } catch (MessagingException e) {
      throw failed("flag a message of " + folder, e);
    } finally {
      close(open);
    }
  }

  /**
   * Copies a message to {@code target} (made when missing), bytes and flags as they are; returns
   * the copy's UID when the server says it (UIDPLUS).
   */
  public Optional<Long> copy(String folder, long uid, String target)
      throws MailUnavailableException, MessageRefusedException {
    ensureFolder(target);
    Folder open = open(folder, Folder.READ_WRITE);
    try {
      Message message = message(open, folder, uid);
      Folder to = open.getStore().getFolder(onServer(open.getStore(), target));
      AppendUID[] uids = ((IMAPFolder) open).copyUIDMessages(new Message[] {message}, to);
      return uids != null && uids.length == 1 && uids[0] != null
          ? Optional.of(uids[0].uid)
          : Optional.<Long>empty();
    } catch (MessagingException e) {
      throw failed("copy a message of " + folder + " to " + target, e);
    } finally {
      close(open);
    }
  }

  /** Removes for good every message of {@code folder} marked {@link MessageFlag#DELETED}. */
  public void expunge(String folder) throws MailUnavailableException, MessageRefusedException {
    Folder open = open(folder, Folder.READ_WRITE);
    try {
      open.expunge();
    } catch (MessagingException e) {
      throw failed("remove the deleted messages of " + folder, e);
    } finally {
      close(open);
    }
  }

  /** Marks a message read or unread. */
  public void markSeen(String folder, long uid, boolean seen)
      throws MailUnavailableException, MessageRefusedException {
    Folder open = open(folder, Folder.READ_WRITE);
    try {
      message(open, folder, uid).setFlag(Flags.Flag.SEEN, seen);
    } catch (MessagingException e) {
      throw failed("mark a message of " + folder, e);
    } finally {
      close(open);
    }
  }

  /** Removes a message from the folder for good. */
  public void delete(String folder, long uid)
      throws MailUnavailableException, MessageRefusedException {
    Folder open = open(folder, Folder.READ_WRITE);
    try {
      Message message = message(open, folder, uid);
      message.setFlag(Flags.Flag.DELETED, true);
      ((IMAPFolder) open).expunge(new Message[] {message});
    } catch (MessagingException e) {
      throw failed("delete a message of " + folder, e);
    } finally {
      close(open);
    }
  }

  /**
   * Moves a message to {@code target} (made when missing), bytes and flags as they are: with IMAP
   * MOVE when the server has it, so the message is never in both folders or in neither, else by
   * copying it and removing the original.
   */
  public void move(String folder, long uid, String target)
      throws MailUnavailableException, MessageRefusedException {
    if (folder.equals(target)) {
      throw new MessageRefusedException("a message is moved to another folder than its own");
    }
    ensureFolder(target);
    Folder open = open(folder, Folder.READ_WRITE);
    try {
      Message message = message(open, folder, uid);
      Folder to = open.getStore().getFolder(onServer(open.getStore(), target));
      IMAPFolder imap = (IMAPFolder) open;
      if (((IMAPStore) open.getStore()).hasCapability("MOVE")) {
        imap.moveMessages(new Message[] {message}, to);
      } else {
        copyAndRemove(imap, message, to);
      }
    } catch (MessagingException e) {
      throw failed("move a message of " + folder + " to " + target, e);
    } finally {
      close(open);
    }
  }

  /**
   * A move for servers without MOVE: COPY keeps the flags, then the original is expunged by its UID
   * (UIDPLUS), or with a plain EXPUNGE where the server cannot name one message.
   */
  void moveByCopy(String folder, long uid, String target)
      throws MailUnavailableException, MessageRefusedException {
    ensureFolder(target);
    Folder open = open(folder, Folder.READ_WRITE);
    try {
      copyAndRemove(
          (IMAPFolder) open,
          message(open, folder, uid),
          open.getStore().getFolder(onServer(open.getStore(), target)));
    } catch (MessagingException e) {
      throw failed("move a message of " + folder + " to " + target, e);
    } finally {
      close(open);
    }
  }

  private static void copyAndRemove(IMAPFolder open, Message message, Folder target)
      throws MessagingException {
    Message[] one = {message};
    open.copyMessages(one, target);
    message.setFlag(Flags.Flag.DELETED, true);
    if (((IMAPStore) open.getStore()).hasCapability("UIDPLUS")) {
      open.expunge(one);
    } else {
      open.expunge();
    }
  }

  /** Makes {@code folder} when the mailbox has none of that name. */
  public void ensureFolder(String folder) throws MailUnavailableException {
    Store store = mailboxes.store(user);
    try {
      Folder f = store.getFolder(onServer(store, folder));
      if (!f.exists() && !f.create(Folder.HOLDS_MESSAGES)) {
        throw new MailUnavailableException("The mail server would not make the folder " + folder);
      }
    } catch (MessagingException e) {
      throw failed("make the folder " + folder, e);
    }
  }

  private Folder open(String folder, int mode)
      throws MailUnavailableException, MessageRefusedException {
    Store store = mailboxes.store(user);
    try {
      Folder f = store.getFolder(onServer(store, folder));
      f.open(mode);
      return f;
    } catch (FolderNotFoundException e) {
      throw new MessageRefusedException("there is no folder named " + folder, e);
    } catch (MessagingException e) {
      throw failed("open " + folder, e);
    }
  }

  /**
   * The server's name of {@code folder}. Some servers keep every folder under the inbox (a personal
   * namespace of {@code INBOX.}, as Courier did): there keymail's Sent is {@code INBOX.Sent}, and a
   * folder made at the top would be refused. INBOX is INBOX everywhere.
   */
  private static String onServer(Store store, String folder) throws MessagingException {
    String prefix = personalPrefix(store);
    return prefix.isEmpty() || folder.equalsIgnoreCase("INBOX") || folder.startsWith(prefix)
        ? folder
        : prefix + folder;
  }

  /** The prefix of the user's own folders ("" on most servers), as NAMESPACE tells it. */
  private static String personalPrefix(Store store) throws MessagingException {
    Folder[] personal = store.getPersonalNamespaces();
    if (personal.length == 0 || personal[0].getFullName().isEmpty()) {
      return "";
    }
    return personal[0].getFullName() + personal[0].getSeparator();
  }

  private static Message message(Folder open, String folder, long uid)
      throws MessagingException, MessageRefusedException {
    Message message = ((UIDFolder) open).getMessageByUID(uid);
    if (message == null) {
      throw new MessageRefusedException("there is no message " + uid + " in " + folder);
    }
    return message;
  }

  private static MessageSummary summary(UIDFolder folder, Message message)
      throws MessagingException {
    Address[] from = message.getFrom();
    Optional<InternetAddress> first =
        from != null && from.length > 0 && from[0] instanceof InternetAddress a
            ? Optional.of(a)
            : Optional.empty();
    String shownFrom =
        first
            .map(a -> a.getPersonal() != null ? a.getPersonal() : a.getAddress())
            .orElse("(no sender)");
    Date sent = message.getSentDate();
    Date received = message.getReceivedDate();
    Instant date =
        sent != null ? sent.toInstant() : received != null ? received.toInstant() : Instant.EPOCH;
    SecureKind kind = OuterStructure.kind(message);
    return new MessageSummary(
        folder.getUID(message),
        shownFrom,
        first.map(InternetAddress::getAddress),
        addresses(message.getRecipients(Message.RecipientType.TO)),
        message.getSubject() == null ? "" : message.getSubject(),
        date,
        Math.max(0, message.getSize()),
        kind,
        kind != SecureKind.ENCRYPTED && OuterStructure.hasAttachment(message),
        message.isSet(Flags.Flag.SEEN),
        MessageFlag.of(message.getFlags()));
  }

  private static List<String> addresses(Address[] addresses) {
    List<String> shown = new ArrayList<>();
    if (addresses != null) {
      for (Address address : addresses) {
        shown.add(
            address instanceof InternetAddress internet && internet.getAddress() != null
                ? internet.getAddress()
                : address.toString());
      }
    }
    return shown;
  }

  private static void close(Folder folder) {
    try {
      if (folder.isOpen()) {
        folder.close(false);
      }
    } catch (MessagingException e) {
      // The operation's own outcome stands; a folder that fails to close is closed by the server.
    }
  }

  private MailUnavailableException failed(String what, MessagingException e) {
    return new MailUnavailableException(
        "The mail server could not " + what + " for " + user + " right now; try again in a moment.",
        e);
  }
}
