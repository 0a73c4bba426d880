package org.keymail.cli.bridge.imap;

import jakarta.mail.MessagingException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.keymail.cli.bridge.imap.CommandReader.Atom;
import org.keymail.cli.bridge.imap.CommandReader.Command;
import org.keymail.cli.bridge.listen.ClientLogin;
import org.keymail.cli.bridge.listen.SaslPlain;

/**
 * One client's IMAP connection, from greeting to LOGOUT: signing in (LOGIN, AUTHENTICATE PLAIN),
 * the folders (LIST, LSUB, STATUS), and in a selected folder FETCH, SEARCH and STORE, by sequence
 * number or UID. The folder's messages are listed at SELECT and again at NOOP and CHECK, which tell
 * the client what arrived and what went. The standard flags, EXPUNGE and CLOSE, COPY, MOVE (RFC
 * 6851) and APPEND change the mailbox on the mail server; whatever the bridge does not do (making,
 * removing and renaming folders, UID EXPUNGE) is refused with a sentence saying so.
 */
final class ImapSession {

  private static final String CAPABILITIES = "IMAP4rev1 AUTH=PLAIN SASL-IR LITERAL+ UNSELECT MOVE";
  private static final DateTimeFormatter INTERNALDATE =
      DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int MAX_WRONG_LOGINS = 3;

  /** The one UIDVALIDITY: the mail API names messages by their UIDs on the mail server. */
  static final long UID_VALIDITY = 1;

  private final CommandReader reader;
  private final OutputStream out;
  private final ClientLogin login;
  private final ImapMailbox mailbox;
  private boolean signedIn;
  private int wrongLogins;
  private Selected selected;

  /** The selected folder as this connection last listed it. */
  private static final class Selected {
    final String folder;
    final boolean readOnly;
    List<ImapMailbox.Message> messages;
    final Map<Long, Set<String>> flags = new HashMap<>();

    Selected(String folder, boolean readOnly, List<ImapMailbox.Message> messages) {
      this.folder = folder;
      this.readOnly = readOnly;
      this.messages = new ArrayList<>(messages);
      messages.forEach(m -> flags.put(m.uid(), new HashSet<>(m.flags())));
    }

    Set<String> flagsOf(long uid) {
      return flags.computeIfAbsent(uid, u -> new HashSet<>());
    }

    boolean seen(long uid) {
      return flagsOf(uid).contains(StandardFlags.SEEN);
    }

    long largestUid() {
      return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).uid();
    }
  }

  ImapSession(Socket client, ClientLogin login, ImapMailbox mailbox) throws IOException {
    this.out = new BufferedOutputStream(client.getOutputStream());
    this.reader = new CommandReader(new BufferedInputStream(client.getInputStream()), out);
    this.login = login;
    this.mailbox = mailbox;
  }

  void serve() throws IOException {
    untagged("OK [CAPABILITY " + CAPABILITIES + "] keymail bridge ready");
    while (true) {
      Optional<Command> next;
      try {
        next = reader.next();
      } catch (CommandReader.SyntaxException e) {
        send(e.tag() + " BAD " + e.getMessage());
        continue;
      }
      if (next.isEmpty()) {
        return;
      }
      Command command = next.get();
      try {
        if (!run(command)) {
          return;
        }
      } catch (Bad e) {
        send(command.tag() + " BAD " + e.getMessage());
      } catch (ImapMailbox.Unavailable e) {
        send(command.tag() + " NO [UNAVAILABLE] " + oneLine(e.getMessage()));
      }
      if (wrongLogins >= MAX_WRONG_LOGINS) {
        untagged("BYE too many wrong passwords");
        return;
      }
    }
  }

  /** Runs one command; false once the connection is to end. */
  private boolean run(Command command) throws IOException, Bad, ImapMailbox.Unavailable {
    String tag = command.tag();
    String name = command.name().toUpperCase(Locale.ROOT);
    List<Object> args = command.arguments();
    switch (name) {
      case "CAPABILITY" -> {
        untagged("CAPABILITY " + CAPABILITIES);
        ok(tag, "CAPABILITY done");
        return true;
      }
      case "NOOP", "CHECK" -> {
        if (selected != null) {
          refresh();
        }
        ok(tag, name + " done");
        return true;
      }
      case "LOGOUT" -> {
        untagged("BYE keymail bridge says goodbye");
        ok(tag, "LOGOUT done");
        return false;
      }
      case "STARTTLS" -> {
        send(tag + " NO no TLS: the bridge listens on this computer only (127.0.0.1)");
        return true;
      }
      case "LOGIN" -> {
        login(tag, args);
        return true;
      }
      case "AUTHENTICATE" -> {
        authenticate(tag, args);
        return true;
      }
      default -> {
        // the commands below need a signed-in client
      }
    }
    if (!signedIn) {
      send(tag + " NO sign in first (LOGIN or AUTHENTICATE PLAIN)");
      return true;
    }
    switch (name) {
      case "LIST", "LSUB" -> list(tag, name, args);
      case "SELECT", "EXAMINE" -> select(tag, name, args);
      case "STATUS" -> status(tag, args);
      case "SUBSCRIBE", "UNSUBSCRIBE" ->
          ok(tag, name + " done (the bridge shows every folder as subscribed)");
      case "CREATE", "DELETE", "RENAME" ->
          send(
              tag
                  + " NO [CANNOT] the keymail bridge does not "
                  + name
                  + " folders yet; use the webmail for that");
      case "APPEND" -> append(tag, args);
      case "FETCH", "STORE", "SEARCH", "COPY", "MOVE" -> inFolder(tag, name, args, false);
      case "UID" -> {
        if (args.isEmpty() || !(args.get(0) instanceof Atom sub)) {
          throw new Bad("UID wants FETCH, STORE or SEARCH");
        }
        String subName = sub.text().toUpperCase(Locale.ROOT);
        if (!List.of("FETCH", "STORE", "SEARCH", "COPY", "MOVE", "EXPUNGE").contains(subName)) {
          throw new Bad("UID " + subName + " is not a command");
        }
        if (subName.equals("EXPUNGE")) {
          send(
              tag
                  + " NO [CANNOT] the keymail bridge does not UID EXPUNGE yet; EXPUNGE removes"
                  + " every message marked \\Deleted");
        } else {
          inFolder(tag, subName, args.subList(1, args.size()), true);
        }
      }
      case "EXPUNGE" -> {
        requireSelected();
        if (selected.readOnly) {
          send(tag + " NO the folder was opened read-only (EXAMINE)");
        } else {
          mailbox.expunge(selected.folder);
          refresh();
          ok(tag, "EXPUNGE done");
        }
      }
      case "CLOSE" -> {
        requireSelected();
        // CLOSE removes the deleted messages without a word about each (RFC 9051 §6.4.2).
        if (!selected.readOnly) {
          mailbox.expunge(selected.folder);
        }
        selected = null;
        ok(tag, "CLOSE done");
      }
      case "UNSELECT" -> {
        requireSelected();
        selected = null;
        ok(tag, "UNSELECT done");
      }
      default -> throw new Bad("the keymail bridge does not know the command " + name);
    }
    return true;
  }

  private void login(String tag, List<Object> args) throws IOException, Bad {
    if (args.size() != 2) {
      throw new Bad("LOGIN wants a user name and a password");
    }
    char[] password = text(args.get(1)).toCharArray();
    try {
      signIn(tag, login.accepts(text(args.get(0)), password));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private void authenticate(String tag, List<Object> args) throws IOException, Bad {
    if (args.isEmpty() || !text(args.get(0)).equalsIgnoreCase("PLAIN")) {
      send(tag + " NO the bridge knows AUTHENTICATE PLAIN only");
      return;
    }
    String response;
    if (args.size() > 1) {
      response = text(args.get(1));
    } else {
      send("+ ");
      response = reader.line();
    }
    if (response.equals("*")) {
      send(tag + " BAD authentication cancelled");
      return;
    }
    signIn(tag, SaslPlain.accepts(response.equals("=") ? "" : response, login));
  }

  private void signIn(String tag, boolean accepted) throws IOException {
    if (signedIn) {
      send(tag + " BAD already signed in");
    } else if (accepted) {
      signedIn = true;
      reader.takeMessages();
      ok(tag, "[CAPABILITY " + CAPABILITIES + "] signed in");
    } else {
      wrongLogins++;
      send(
          tag
              + " NO [AUTHENTICATIONFAILED] wrong user name or password: use the ones 'keymail"
              + " bridge' showed when it started");
    }
  }

  private void list(String tag, String name, List<Object> args)
      throws IOException, Bad, ImapMailbox.Unavailable {
    if (args.size() != 2) {
      throw new Bad(name + " wants a reference and a pattern");
    }
    String reference = text(args.get(0));
    String pattern = reference + text(args.get(1));
    if (text(args.get(1)).isEmpty()) {
      untagged(name + " (\\Noselect) \"/\" \"\"");
      ok(tag, name + " done");
      return;
    }
    Pattern matcher = wildcard(pattern);
    for (ImapMailbox.Folder folder : mailbox.folders()) {
      if (matcher.matcher(folder.name()).matches()
          || folder.name().equalsIgnoreCase("INBOX") && pattern.equalsIgnoreCase("INBOX")) {
        Response line = new Response().text("* " + name + " (\\HasNoChildren");
        folder.specialUse().ifPresent(use -> line.text(" " + use));
        line.text(") \"/\" ").string(folder.name());
        out.write(line.line());
      }
    }
    ok(tag, name + " done");
  }

  /** An IMAP LIST pattern as a regular expression: * is anything, % anything but the separator. */
  private static Pattern wildcard(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '%' -> regex.append("[^/]*");
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }

  private void select(String tag, String name, List<Object> args)
      throws IOException, Bad, ImapMailbox.Unavailable {
    if (args.size() != 1) {
      throw new Bad(name + " wants a folder");
    }
    selected = null;
    String folder = folderName(text(args.get(0)));
    List<ImapMailbox.Message> messages = mailbox.messages(folder);
    selected = new Selected(folder, name.equals("EXAMINE"), messages);
    String all = String.join(" ", StandardFlags.ALL);
    untagged("FLAGS (" + all + ")");
    untagged("OK [PERMANENTFLAGS (" + all + ")] these flags are kept on the mail server");
    untagged(messages.size() + " EXISTS");
    untagged("0 RECENT");
    for (int i = 0; i < messages.size(); i++) {
      if (!messages.get(i).seen()) {
        untagged("OK [UNSEEN " + (i + 1) + "] the first unread message");
        break;
      }
    }
    untagged("OK [UIDVALIDITY " + UID_VALIDITY + "] UIDs are the mail server's");
    untagged("OK [UIDNEXT " + (selected.largestUid() + 1) + "] the next UID");
    ok(tag, (selected.readOnly ? "[READ-ONLY] " : "[READ-WRITE] ") + name + " done");
  }

  private void status(String tag, List<Object> args)
      throws IOException, Bad, ImapMailbox.Unavailable {
    if (args.size() != 2 || !(args.get(1) instanceof List<?> items)) {
      throw new Bad("STATUS wants a folder and a list of items");
    }
    String folder = folderName(text(args.get(0)));
    List<ImapMailbox.Message> messages = mailbox.messages(folder);
    List<String> answers = new ArrayList<>();
    for (Object item : items) {
      String asked = text(item).toUpperCase(Locale.ROOT);
      long value =
          switch (asked) {
            case "MESSAGES" -> messages.size();
            case "RECENT" -> 0;
            case "UNSEEN" -> messages.stream().filter(m -> !m.seen()).count();
            case "UIDNEXT" -> messages.isEmpty() ? 1 : messages.get(messages.size() - 1).uid() + 1;
            case "UIDVALIDITY" -> UID_VALIDITY;
            default -> throw new Bad("STATUS does not know " + asked);
          };
      answers.add(asked + " " + value);
    }
    out.write(
        new Response()
            .text("* STATUS ")
            .string(folder)
            .text(" (" + String.join(" ", answers) + ")")
            .line());
    ok(tag, "STATUS done");
  }

  /** The folder's name as the mail server has it (INBOX in any case). */
  private static String folderName(String given) {
    return given.equalsIgnoreCase("INBOX") ? "INBOX" : given;
  }

  private void inFolder(String tag, String name, List<Object> args, boolean byUid)
      throws IOException, Bad, ImapMailbox.Unavailable {
    requireSelected();
    switch (name) {
      case "FETCH" -> fetch(tag, args, byUid);
      case "STORE" -> store(tag, args, byUid);
      case "SEARCH" -> search(tag, args, byUid);
      case "COPY", "MOVE" -> transfer(tag, name, args, byUid);
      default -> throw new Bad(name);
    }
  }

  private void requireSelected() throws Bad {
    if (selected == null) {
      throw new Bad("select a folder first");
    }
  }

  /** The messages a set names, with their sequence numbers, in order. */
  private List<Integer> numbers(String set, boolean byUid) throws Bad {
    SequenceSet sequence;
    try {
      sequence = SequenceSet.parse(set);
    } catch (IllegalArgumentException e) {
      throw new Bad(e.getMessage());
    }
    List<ImapMailbox.Message> messages = selected.messages;
    if (!byUid && !sequence.within(messages.size())) {
      throw new Bad("there are only " + messages.size() + " messages in " + selected.folder);
    }
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      long n = byUid ? messages.get(i).uid() : i + 1;
      if (sequence.contains(n, byUid ? selected.largestUid() : messages.size())) {
        numbers.add(i + 1);
      }
    }
    return numbers;
  }

  private void fetch(String tag, List<Object> args, boolean byUid)
      throws IOException, Bad, ImapMailbox.Unavailable {
    if (args.size() != 2) {
      throw new Bad("FETCH wants messages and items");
    }
    List<FetchItem> items;
    try {
      items = new ArrayList<>(FetchItem.parse(args.get(1)));
    } catch (IllegalArgumentException e) {
      throw new Bad(e.getMessage());
    }
    if (byUid && !items.contains(new FetchItem.Plain("UID"))) {
      items.add(0, new FetchItem.Plain("UID"));
    }
    for (int number : numbers(text(args.get(0)), byUid)) {
      out.write(fetchOne(number, items).line());
    }
    ok(tag, "FETCH done");
  }

  private Response fetchOne(int number, List<FetchItem> items) throws ImapMailbox.Unavailable, Bad {
    ImapMailbox.Message message = selected.messages.get(number - 1);
    long uid = message.uid();
    MessageView view = null;
    boolean marksSeen = false;
    Response line = new Response().text("* " + number + " FETCH (");
    boolean first = true;
    for (FetchItem item : items) {
      if (!first) {
        line.text(" ");
      }
      first = false;
      try {
        switch (item) {
          case FetchItem.Plain plain -> {
            switch (plain.name()) {
              case "UID" -> line.text("UID " + uid);
              case "FLAGS" -> line.text("FLAGS (" + flags(uid) + ")");
              case "INTERNALDATE" ->
                  line.text("INTERNALDATE \"" + INTERNALDATE.format(message.date()) + "\"");
              case "RFC822.SIZE" -> {
                view = view != null ? view : view(uid);
                line.text("RFC822.SIZE " + view.bytes().length);
              }
              case "ENVELOPE" -> {
                view = view != null ? view : view(uid);
                line.text("ENVELOPE ");
                view.envelope(line);
              }
              case "BODYSTRUCTURE", "BODY" -> {
                view = view != null ? view : view(uid);
                line.text(plain.name() + " ");
                view.structure(line, plain.name().equals("BODYSTRUCTURE"));
              }
              default -> throw new Bad(plain.name());
            }
          }
          case FetchItem.Section section -> {
            view = view != null ? view : view(uid);
            byte[] content = view.section(section.part(), section.kind(), section.fields());
            if (section.origin().isPresent()) {
              int from = (int) Math.min(content.length, section.origin().get());
              int to = (int) Math.min(content.length, from + section.count());
              content = Arrays.copyOfRange(content, from, to);
            }
            line.text(section.shown() + " ").literal(content);
            marksSeen |= !section.peek();
          }
        }
      } catch (MessagingException | IOException e) {
        throw new ImapMailbox.Unavailable(
            "message " + uid + " cannot be shown: " + e.getMessage(), e);
      }
    }
    if (marksSeen && !selected.readOnly && !selected.seen(uid)) {
      mailbox.markSeen(selected.folder, uid);
      selected.flagsOf(uid).add(StandardFlags.SEEN);
      if (items.stream().noneMatch(i -> i.equals(new FetchItem.Plain("FLAGS")))) {
        line.text(" FLAGS (" + flags(uid) + ")");
      }
    }
    return line.text(")");
  }

  private MessageView view(long uid) throws ImapMailbox.Unavailable {
    return new MessageView(mailbox.message(selected.folder, uid));
  }

  private String flags(long uid) {
    return StandardFlags.shown(selected.flagsOf(uid));
  }

  private void store(String tag, List<Object> args, boolean byUid)
      throws IOException, Bad, ImapMailbox.Unavailable {
    if (args.size() != 3) {
      throw new Bad("STORE wants messages, +FLAGS, -FLAGS or FLAGS, and flags");
    }
    String how = text(args.get(1)).toUpperCase(Locale.ROOT);
    boolean silent = how.endsWith(".SILENT");
    String operation = silent ? how.substring(0, how.length() - ".SILENT".length()) : how;
    List<String> flags = new ArrayList<>();
    if (args.get(2) instanceof List<?> list) {
      list.forEach(f -> flags.add(String.valueOf(f instanceof Atom a ? a.text() : f)));
    } else {
      flags.add(text(args.get(2)));
    }
    if (!List.of("+FLAGS", "FLAGS", "-FLAGS").contains(operation)) {
      throw new Bad("STORE wants +FLAGS, -FLAGS or FLAGS");
    }
    if (selected.readOnly) {
      send(tag + " NO the folder was opened read-only (EXAMINE)");
      return;
    }
    // Keywords ($Forwarded, Junk) are not kept: PERMANENTFLAGS lists what is.
    Set<String> given = new HashSet<>();
    for (String flag : flags) {
      StandardFlags.known(flag).ifPresent(given::add);
    }
    // What the client names is sent as it is, not as a difference from what this connection last
    // saw: another client may have changed the flags since.
    Set<String> added = operation.equals("-FLAGS") ? Set.of() : given;
    Set<String> removed = new HashSet<>();
    if (operation.equals("-FLAGS")) {
      removed.addAll(given);
    } else if (operation.equals("FLAGS")) {
      removed.addAll(StandardFlags.ALL);
      removed.removeAll(given);
    }
    for (int number : numbers(text(args.get(0)), byUid)) {
      long uid = selected.messages.get(number - 1).uid();
      if (!added.isEmpty() || !removed.isEmpty()) {
        mailbox.flag(selected.folder, uid, added, removed);
      }
      Set<String> flagsNow = selected.flagsOf(uid);
      flagsNow.removeAll(removed);
      flagsNow.addAll(added);
      if (!silent) {
        untagged(
            number
                + " FETCH ("
                + (byUid ? "UID " + uid + " " : "")
                + "FLAGS ("
                + flags(uid)
                + "))");
      }
    }
    ok(tag, "STORE done");
  }

  private void search(String tag, List<Object> args, boolean byUid) throws IOException, Bad {
    List<Integer> all = new ArrayList<>();
    for (int i = 1; i <= selected.messages.size(); i++) {
      all.add(i);
    }
    List<Integer> found = new ArrayList<>(all);
    int i = 0;
    if (i < args.size() && text(args.get(i)).equalsIgnoreCase("CHARSET")) {
      i += 2;
    }
    for (; i < args.size(); i++) {
      String key = text(args.get(i));
      String upper = key.toUpperCase(Locale.ROOT);
      List<Integer> matching;
      switch (upper) {
        case "ALL" -> matching = all;
        case "SEEN",
            "UNSEEN",
            "ANSWERED",
            "UNANSWERED",
            "FLAGGED",
            "UNFLAGGED",
            "DELETED",
            "UNDELETED",
            "DRAFT",
            "UNDRAFT" -> {
          // Each flag's key and its UN- opposite (RFC 9051 §6.4.4).
          boolean wanted = !upper.startsWith("UN");
          String flag = "\\" + (wanted ? upper : upper.substring(2));
          matching =
              all.stream()
                  .filter(
                      n ->
                          selected.flagsOf(selected.messages.get(n - 1).uid()).stream()
                                  .anyMatch(f -> f.equalsIgnoreCase(flag))
                              == wanted)
                  .toList();
        }
        case "UID" -> {
          if (++i >= args.size()) {
            throw new Bad("SEARCH UID wants a set of UIDs");
          }
          matching = numbers(text(args.get(i)), true);
        }
        default -> {
          if (!upper.isEmpty() && (Character.isDigit(upper.charAt(0)) || upper.startsWith("*"))) {
            matching = numbers(key, false);
          } else {
            throw new Bad(
                "the keymail bridge searches by ALL, the flags (SEEN, UNSEEN, FLAGGED, DELETED,"
                    + " ...), UID and message numbers only, not "
                    + key);
          }
        }
      }
      found.retainAll(matching);
    }
    StringBuilder answer = new StringBuilder("SEARCH");
    for (int number : found) {
      answer.append(' ').append(byUid ? selected.messages.get(number - 1).uid() : (long) number);
    }
    untagged(answer.toString());
    ok(tag, "SEARCH done");
  }

  /**
   * COPY and MOVE: each message goes to the target folder on the mail server, which makes the
   * folder when missing. A moved message leaves this folder, and the client is told its number went
   * (highest first, so that the numbers still to be told do not shift).
   */
  private void transfer(String tag, String name, List<Object> args, boolean byUid)
      throws IOException, Bad, ImapMailbox.Unavailable {
    if (args.size() != 2) {
      throw new Bad(name + " wants messages and a folder");
    }
    String target = folderName(text(args.get(1)));
    if (name.equals("MOVE") && selected.readOnly) {
      send(tag + " NO the folder was opened read-only (EXAMINE)");
      return;
    }
    if (target.equals(selected.folder)) {
      send(tag + " NO [CANNOT] the messages are in " + target + " already");
      return;
    }
    List<Integer> numbers = numbers(text(args.get(0)), byUid);
    for (int number : numbers) {
      long uid = selected.messages.get(number - 1).uid();
      if (name.equals("MOVE")) {
        mailbox.move(selected.folder, uid, target);
      } else {
        mailbox.copy(selected.folder, uid, target);
      }
    }
    if (name.equals("MOVE")) {
      for (int i = numbers.size() - 1; i >= 0; i--) {
        int number = numbers.get(i);
        selected.flags.remove(selected.messages.remove(number - 1).uid());
        untagged(number + " EXPUNGE");
      }
    }
    ok(tag, name + " done");
  }

  /**
   * APPEND: a folder, optionally flags and a date (the mail server dates the message itself), and
   * the message as a literal.
   */
  private void append(String tag, List<Object> args)
      throws IOException, Bad, ImapMailbox.Unavailable {
    if (args.size() < 2 || !(args.get(args.size() - 1) instanceof CommandReader.Message message)) {
      throw new Bad("APPEND wants a folder, optionally flags and a date, and the message");
    }
    String folder = folderName(text(args.get(0)));
    Set<String> flags = new HashSet<>();
    if (args.size() > 2 && args.get(1) instanceof List<?> list) {
      for (Object flag : list) {
        StandardFlags.known(text(flag)).ifPresent(flags::add);
      }
    }
    try {
      mailbox.append(folder, flags, message.bytes());
    } catch (ImapMailbox.Refused e) {
      send(tag + " NO [CANNOT] " + oneLine(e.getMessage()));
      return;
    }
    if (selected != null && selected.folder.equals(folder)) {
      refresh();
    }
    ok(tag, "APPEND done");
  }

  /** Lists the folder again and tells the client which messages went and how many there are. */
  private void refresh() throws IOException, ImapMailbox.Unavailable {
    List<ImapMailbox.Message> now = mailbox.messages(selected.folder);
    java.util.Set<Long> uids =
        now.stream().map(ImapMailbox.Message::uid).collect(java.util.stream.Collectors.toSet());
    for (int i = selected.messages.size() - 1; i >= 0; i--) {
      if (!uids.contains(selected.messages.get(i).uid())) {
        untagged((i + 1) + " EXPUNGE");
        selected.messages.remove(i);
      }
    }
    long largest = selected.largestUid();
    int before = selected.messages.size();
    for (ImapMailbox.Message message : now) {
      if (message.uid() > largest) {
        selected.messages.add(message);
        selected.flags.put(message.uid(), new HashSet<>(message.flags()));
      }
    }
    if (selected.messages.size() != before) {
      untagged(selected.messages.size() + " EXISTS");
    }
  }

  private static String text(Object argument) throws Bad {
    if (argument instanceof Atom atom) {
      return atom.text();
    }
    if (argument instanceof CommandReader.Message message) {
      return new String(message.bytes(), StandardCharsets.UTF_8);
    }
    if (argument instanceof String string) {
      return string;
    }
    throw new Bad("a list where a word or string was expected");
  }

  private void ok(String tag, String text) throws IOException {
    send(tag + " OK " + text);
  }

  private void untagged(String text) throws IOException {
    send("* " + text);
  }

  private void send(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("[\\r\\n]+", " ");
  }

  /** A command the bridge cannot parse or does not know: answered BAD with the reason. */
  private static final class Bad extends Exception {
    private static final long serialVersionUID = 1L;

    Bad(String message) {
      super(message);
    }
  }
}
