package org.keymail.cli.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keymail.cli.CliFailure;
import org.keymail.cli.bridge.imap.ImapMailbox;
import org.keymail.cli.bridge.imap.StandardFlags;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.NotUnlockedException;
import org.keymail.cli.client.ServerRefusal;
import org.keymail.cli.client.ServerUnreachableException;
import org.keymail.cli.client.VaultSession;
import org.keymail.cli.mail.Folders;
import org.keymail.cli.mail.MailOptions;
import org.keymail.cli.mail.Securing;
import org.keymail.smime.verdict.TrustSettings;

/**
 * The user's mailbox for the IMAP side, over the server's mail API in the unlock session: folders,
 * each folder's messages (listed a page of 200 at a time), their flags, copying, moving, removing
 * and storing them ({@link #append} never stores anything decrypted), and each message as the
 * client gets it ({@link ClientCopy}), kept in memory for the next fetch of the same message (up to
 * 64 MiB in all, least recently used out): clients fetch a message's size, header and body in
 * separate commands, and each would otherwise ask the vault again.
 */
final class BridgeMailbox implements ImapMailbox {

  private static final int PAGE = 200;
  private static final long KEPT_BYTES = 64L * 1024 * 1024;

  private final VaultSession session;
  private final TrustSettings trust;
  private final Map<String, byte[]> copies = new LinkedHashMap<>(16, 0.75f, true);
  private long keptBytes;

  BridgeMailbox(VaultSession session, TrustSettings trust) {
    this.session = session;
    this.trust = trust;
  }

  @Override
  public List<Folder> folders() throws Unavailable {
    List<Folder> folders = new ArrayList<>();
    for (JsonNode folder : call(() -> session.call(api -> api.get("/api/v1/mail/folders")))) {
      Optional<String> use =
          switch (folder.path("role").asText("")) {
            case "sent" -> Optional.of("\\Sent");
            case "drafts" -> Optional.of("\\Drafts");
            case "trash" -> Optional.of("\\Trash");
            default -> Optional.empty();
          };
      folders.add(
          new Folder(
              folder.path("name").asText(),
              use,
              folder.path("messages").asInt(),
              folder.path("unseen").asInt()));
    }
    return folders;
  }

  @Override
  public List<Message> messages(String folder) throws Unavailable {
    List<Message> messages = new ArrayList<>();
    int pages = 1;
    for (int page = 1; page <= pages; page++) {
      String path = Folders.page(folder, page) + "&size=" + PAGE;
      JsonNode listed = call(() -> session.call(api -> api.get(path)));
      pages = listed.path("pages").asInt(1);
      for (JsonNode m : listed.path("messages")) {
        Set<String> flags = new HashSet<>();
        m.path("flags").forEach(f -> flags.add("\\" + capitalized(f.asText())));
        if (m.path("seen").asBoolean()) {
          flags.add(StandardFlags.SEEN);
        }
        messages.add(new Message(m.path("uid").asLong(), flags, date(m.path("date"))));
      }
    }
    messages.sort(Comparator.comparingLong(Message::uid));
    return messages;
  }

  @Override
  public byte[] message(String folder, long uid) throws Unavailable {
    String key = folder + "\u0000" + uid;
    synchronized (copies) {
      byte[] kept = copies.get(key);
      if (kept != null) {
        return kept;
      }
    }
    byte[] raw =
        call(
            () ->
                session.call(api -> api.download(Folders.message(folder, uid), "message/rfc822")));
    byte[] copy;
    try {
      copy = ClientCopy.of(session, raw, trust);
    } catch (NotUnlockedException e) {
      throw new Unavailable("your keys are locked: " + e.getMessage(), e);
    } catch (ServerRefusal | ServerUnreachableException | CliFailure e) {
      throw new Unavailable(e.getMessage(), e);
    } catch (IOException e) {
      throw new Unavailable("message " + uid + " cannot be read: " + e.getMessage(), e);
    }
    synchronized (copies) {
      if (copies.put(key, copy) == null) {
        keptBytes += copy.length;
      }
      var oldest = copies.entrySet().iterator();
      while (keptBytes > KEPT_BYTES && oldest.hasNext()) {
        keptBytes -= oldest.next().getValue().length;
        oldest.remove();
      }
    }
    return copy;
  }

  @Override
  public void markSeen(String folder, long uid) throws Unavailable {
    call(() -> session.call(api -> api.post(Folders.seen(folder, uid), KeymailApi.object())));
  }

  @Override
  public void flag(String folder, long uid, Set<String> added, Set<String> removed)
      throws Unavailable {
    StringBuilder path = new StringBuilder(Folders.flags(folder, uid));
    added.forEach(f -> path.append("&add=").append(apiName(f)));
    removed.forEach(f -> path.append("&remove=").append(apiName(f)));
    call(() -> session.call(api -> api.post(path.toString(), KeymailApi.object())));
  }

  @Override
  public void copy(String folder, long uid, String target) throws Unavailable {
    call(
        () ->
            session.call(
                api ->
                    api.post(Folders.transfer(folder, uid, "copy", target), KeymailApi.object())));
  }

  @Override
  public void move(String folder, long uid, String target) throws Unavailable {
    call(
        () ->
            session.call(
                api ->
                    api.post(Folders.transfer(folder, uid, "move", target), KeymailApi.object())));
  }

  @Override
  public void expunge(String folder) throws Unavailable {
    call(() -> session.call(api -> api.post(Folders.expunge(folder), KeymailApi.object())));
  }

  /**
   * Stores what the client gives, never anything decrypted: a copy the bridge decrypted is refused,
   * and a draft (or a client's own copy of what it sent) is encrypted to the user first, as the
   * webmail keeps drafts and keymail files sent mail.
   */
  @Override
  public void append(String folder, Set<String> flags, byte[] message) throws Unavailable, Refused {
    AppendedMessage appended = AppendedMessage.of(message);
    appended.refuseDecryptedCopy();
    byte[] stored = message;
    if (!appended.encrypted() && keptEncrypted(folder)) {
      try {
        stored = Securing.draft(session, MailOptions.of(session), message);
      } catch (NotUnlockedException e) {
        throw new Unavailable("your keys are locked: " + e.getMessage(), e);
      } catch (ServerRefusal | ServerUnreachableException e) {
        throw new Unavailable(e.getMessage(), e);
      } catch (CliFailure e) {
        throw new Refused("not stored: " + e.getMessage());
      } catch (Exception e) {
        // Securing declares Exception; any other failure refuses this message, not the session.
        throw new Refused("not stored: it could not be encrypted to you: " + e.getMessage());
      }
    }
    String path =
        Folders.append(folder)
            + (flags.isEmpty()
                ? ""
                : "?flags="
                    + String.join(",", flags.stream().map(BridgeMailbox::apiName).toList()));
    byte[] body = stored;
    call(() -> session.call(api -> api.post(path, "message/rfc822", body)));
  }

  /**
   * Whether {@code folder} holds the user's drafts or sent mail, which keymail keeps encrypted: the
   * folder the server flags for each, else keymail's own Drafts or Sent (made on first use).
   */
  private boolean keptEncrypted(String folder) throws Unavailable {
    List<Folder> folders = folders();
    for (String role : List.of("Drafts", "Sent")) {
      Optional<String> flagged =
          folders.stream()
              .filter(f -> f.specialUse().equals(Optional.of("\\" + role)))
              .map(Folder::name)
              .findFirst();
      if (flagged.map(folder::equals).orElse(folder.equalsIgnoreCase(role))) {
        return true;
      }
    }
    return false;
  }

  /** {@code \Flagged} as the mail API names it: {@code flagged}. */
  private static String apiName(String flag) {
    return flag.substring(1).toLowerCase(Locale.ROOT);
  }

  private static String capitalized(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static Instant date(JsonNode date) {
    try {
      return date.isTextual() ? Instant.parse(date.asText()) : Instant.EPOCH;
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  /** One call to the server. */
  @FunctionalInterface
  private interface Call<T> {
    T make() throws ServerRefusal, ServerUnreachableException, NotUnlockedException, CliFailure;
  }

  private static <T> T call(Call<T> call) throws Unavailable {
    try {
      return call.make();
    } catch (NotUnlockedException e) {
      throw new Unavailable("your keys are locked: " + e.getMessage(), e);
    } catch (ServerRefusal | ServerUnreachableException | CliFailure e) {
      throw new Unavailable(e.getMessage(), e);
    }
  }
}
