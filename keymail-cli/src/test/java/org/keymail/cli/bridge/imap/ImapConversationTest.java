package org.keymail.cli.bridge.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge's IMAP server as a client meets it on the wire, over a mailbox held in memory: signing
 * in, listing, selecting, fetching sections, sizes, partial ranges and the body structure, the read
 * mark, and a clear NO or BAD for what it does not do.
 */
class ImapConversationTest {

  private static final String PLAIN =
      "From: Alice <alice@example.org>\r\n"
          + "To: bob@example.org\r\n"
          + "Subject: Lunch\r\n"
          + "\r\n"
          + "At noon?\r\n";
  private static final String MIXED =
      "From: alice@example.org\r\n"
          + "Subject: Plans\r\n"
          + "MIME-Version: 1.0\r\n"
          + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
          + "\r\n"
          + "--b1\r\n"
          + "Content-Type: text/plain; charset=utf-8\r\n"
          + "\r\n"
          + "See the file.\r\n"
          + "--b1\r\n"
          + "Content-Type: application/octet-stream\r\n"
          + "Content-Disposition: attachment; filename=\"plans.bin\"\r\n"
          + "Content-Transfer-Encoding: base64\r\n"
          + "\r\n"
          + "AAECAw==\r\n"
          + "--b1--\r\n";

  private final List<Long> markedSeen = new ArrayList<>();
  private ImapServer server;
  private Socket socket;
  private BufferedReader in;
  private OutputStream out;

  /** The mailbox on the mail server, in memory: folder, then UID, then the message. */
  private final Map<String, TreeMap<Long, Stored>> folders = new HashMap<>();

  private long nextUid = 20;

  /** A message as the mail server holds it. */
  private record Stored(byte[] bytes, Set<String> flags, Instant date) {}

  {
    TreeMap<Long, Stored> inbox = new TreeMap<>();
    inbox.put(
        5L,
        new Stored(
            PLAIN.getBytes(StandardCharsets.US_ASCII),
            new HashSet<>(),
            Instant.parse("2026-12-04T17:20:11Z")));
    inbox.put(
        8L,
        new Stored(
            MIXED.getBytes(StandardCharsets.US_ASCII),
            new HashSet<>(),
            Instant.parse("2026-12-04T18:00:00Z")));
    folders.put("INBOX", inbox);
  }

  private final ImapMailbox mailbox =
      new ImapMailbox() {
        @Override
        public List<Folder> folders() {
          return List.of(
              new Folder("INBOX", Optional.empty(), 2, 2),
              new Folder("Sent", Optional.of("\\Sent"), 0, 0));
        }

        @Override
        public synchronized List<Message> messages(String folder) throws Unavailable {
          List<Message> messages = new ArrayList<>();
          folder(folder).forEach((uid, m) -> messages.add(new Message(uid, m.flags(), m.date())));
          return messages;
        }

        @Override
        public synchronized byte[] message(String folder, long uid) throws Unavailable {
          return folder(folder).get(uid).bytes();
        }

        @Override
        public synchronized void markSeen(String folder, long uid) throws Unavailable {
          markedSeen.add(uid);
          folder(folder).get(uid).flags().add(StandardFlags.SEEN);
        }

        @Override
        public synchronized void flag(
            String folder, long uid, Set<String> added, Set<String> removed) throws Unavailable {
          if (added.contains(StandardFlags.SEEN)) {
            markedSeen.add(uid);
          }
          Set<String> flags = folder(folder).get(uid).flags();
          flags.removeAll(removed);
          flags.addAll(added);
        }

        @Override
        public synchronized void copy(String folder, long uid, String target) throws Unavailable {
          Stored m = folder(folder).get(uid);
          folders
              .computeIfAbsent(target, t -> new TreeMap<>())
              .put(nextUid++, new Stored(m.bytes(), new HashSet<>(m.flags()), m.date()));
        }

        @Override
        public synchronized void move(String folder, long uid, String target) throws Unavailable {
          copy(folder, uid, target);
          folder(folder).remove(uid);
        }

        @Override
        public synchronized void expunge(String folder) throws Unavailable {
          folder(folder).values().removeIf(m -> m.flags().contains(StandardFlags.DELETED));
        }

        @Override
        public synchronized void append(String folder, Set<String> flags, byte[] message)
            throws Refused {
          if (new String(message, StandardCharsets.ISO_8859_1).contains("X-Keymail-Security")) {
            throw new Refused("not stored: a decrypted copy");
          }
          folders
              .computeIfAbsent(folder, t -> new TreeMap<>())
              .put(nextUid++, new Stored(message, new HashSet<>(flags), Instant.EPOCH));
        }

        private TreeMap<Long, Stored> folder(String folder) throws Unavailable {
          TreeMap<Long, Stored> messages = folders.get(folder);
          if (messages == null) {
            throw new Unavailable("There is no folder " + folder + ".");
          }
          return messages;
        }
      };

  @BeforeEach
  void connect() throws IOException {
    server =
        ImapServer.start(
            0,
            (user, password) ->
                user.equals("bob@example.org") && new String(password).equals("se cret"),
            mailbox,
            new PrintStream(OutputStream.nullOutputStream()));
    socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
    socket.setSoTimeout(60_000);
    in =
        new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    out = socket.getOutputStream();
    assertThat(in.readLine())
        .isEqualTo(
            "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR LITERAL+ UNSELECT MOVE] keymail bridge ready");
  }

  @AfterEach
  void close() throws IOException {
    socket.close();
    server.close();
  }

  @Test
  void aClientSignsInListsSelectsAndFetches() throws IOException {
    assertThat(say("a1 LOGIN bob@example.org wrong"))
        .containsExactly(
            "a1 NO [AUTHENTICATIONFAILED] wrong user name or password: use the ones 'keymail"
                + " bridge' showed when it started");
    assertThat(say("a2 SELECT INBOX"))
        .containsExactly("a2 NO sign in first (LOGIN or AUTHENTICATE PLAIN)");
    // The password as a literal, spaces and all.
    out.write("a3 LOGIN bob@example.org {7}\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(in.readLine()).isEqualTo("+ go ahead");
    assertThat(say("a3", "se cret")).last().asString().startsWith("a3 OK ");

    assertThat(say("a4 LIST \"\" \"*\""))
        .containsExactly(
            "* LIST (\\HasNoChildren) \"/\" \"INBOX\"",
            "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"",
            "a4 OK LIST done");
    assertThat(say("a5 SELECT inbox"))
        .contains(
            "* 2 EXISTS",
            "* OK [UNSEEN 1] the first unread message",
            "* OK [UIDNEXT 9] the next UID")
        .last()
        .isEqualTo("a5 OK [READ-WRITE] SELECT done");

    assertThat(say("a6 FETCH 1 (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])"))
        .containsExactly(
            "* 1 FETCH (UID 5 RFC822.SIZE "
                + PLAIN.length()
                + " FLAGS () BODY[HEADER.FIELDS (SUBJECT)] {18}",
            "Subject: Lunch",
            "", // the blank line that ends a header belongs to it (RFC 3501 §6.4.5)
            ")",
            "a6 OK FETCH done");
    assertThat(markedSeen).isEmpty();

    // A partial fetch of the text, not a peek: the message is marked read and the client told.
    assertThat(say("a7 UID FETCH 5 BODY[TEXT]<3.4>"))
        .containsExactly(
            "* 1 FETCH (UID 5 BODY[TEXT]<3> {4}", "noon FLAGS (\\Seen))", "a7 OK FETCH done");
    assertThat(markedSeen).containsExactly(5L);

    assertThat(say("a8 FETCH 2 BODYSTRUCTURE"))
        .containsExactly(
            "* 2 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" 13"
                + " 1 NIL NIL NIL NIL)(\"APPLICATION\" \"OCTET-STREAM\" NIL NIL NIL \"BASE64\" 8 NIL"
                + " (\"ATTACHMENT\" (\"FILENAME\" \"plans.bin\")) NIL NIL) \"MIXED\" (\"BOUNDARY\""
                + " \"b1\") NIL NIL NIL))",
            "a8 OK FETCH done");
    assertThat(say("a9 UID FETCH 8 BODY.PEEK[2]"))
        .containsExactly("* 2 FETCH (UID 8 BODY[2] {8}", "AAECAw==)", "a9 OK FETCH done");
    assertThat(say("b1 UID FETCH 8 BODY.PEEK[2.MIME]"))
        .containsExactly(
            "* 2 FETCH (UID 8 BODY[2.MIME] {132}",
            "Content-Type: application/octet-stream",
            "Content-Disposition: attachment; filename=\"plans.bin\"",
            "Content-Transfer-Encoding: base64",
            "",
            ")",
            "b1 OK FETCH done");

    assertThat(say("b2 UID SEARCH UNSEEN")).containsExactly("* SEARCH 8", "b2 OK SEARCH done");
    assertThat(say("b3 STORE 2 +FLAGS (\\Seen)"))
        .containsExactly("* 2 FETCH (FLAGS (\\Seen))", "b3 OK STORE done");
    assertThat(markedSeen).containsExactly(5L, 8L);
    assertThat(say("b4 STORE 1 +FLAGS (\\Flagged)"))
        .containsExactly("* 1 FETCH (FLAGS (\\Seen \\Flagged))", "b4 OK STORE done");
    assertThat(say("b5 STATUS Sent (MESSAGES)"))
        .containsExactly("b5 NO [UNAVAILABLE] There is no folder Sent.");
    assertThat(say("b6 FETCH 3 FLAGS"))
        .containsExactly("b6 BAD there are only 2 messages in INBOX");
    assertThat(say("b7 FROBNICATE"))
        .containsExactly("b7 BAD the keymail bridge does not know the command FROBNICATE");
    assertThat(say("b8 CREATE Archive"))
        .containsExactly(
            "b8 NO [CANNOT] the keymail bridge does not CREATE folders yet; use the webmail for"
                + " that");
    assertThat(say("b9 LOGOUT"))
        .containsExactly("* BYE keymail bridge says goodbye", "b9 OK LOGOUT done");
  }

  @Test
  void expungeTellsEachRemovedNumberHighestFirstAndSilentStoresSayNothing() throws Exception {
    for (int i = 0; i < 3; i++) {
      mailbox.append("INBOX", Set.of(), PLAIN.getBytes(StandardCharsets.US_ASCII));
    }
    signIn();
    assertThat(say("d1 SELECT INBOX"))
        .contains(
            "* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)",
            "* OK [PERMANENTFLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)] these flags"
                + " are kept on the mail server",
            "* 5 EXISTS");
    assertThat(say("d2 STORE 2,4:5 +FLAGS.SILENT (\\Deleted)")).containsExactly("d2 OK STORE done");
    assertThat(say("d3 UID STORE 5 FLAGS (\\Answered \\Draft $Forwarded)"))
        .containsExactly("* 1 FETCH (UID 5 FLAGS (\\Answered \\Draft))", "d3 OK STORE done");
    assertThat(say("d4 FETCH 1:5 FLAGS"))
        .containsExactly(
            "* 1 FETCH (FLAGS (\\Answered \\Draft))",
            "* 2 FETCH (FLAGS (\\Deleted))",
            "* 3 FETCH (FLAGS ())",
            "* 4 FETCH (FLAGS (\\Deleted))",
            "* 5 FETCH (FLAGS (\\Deleted))",
            "d4 OK FETCH done");
    assertThat(say("d4 UID SEARCH DELETED"))
        .containsExactly("* SEARCH 8 21 22", "d4 OK SEARCH done");
    assertThat(say("d4 SEARCH UNDELETED UNFLAGGED"))
        .containsExactly("* SEARCH 1 3", "d4 OK SEARCH done");
    assertThat(say("d5 STORE 1 -FLAGS (\\Draft)"))
        .containsExactly("* 1 FETCH (FLAGS (\\Answered))", "d5 OK STORE done");
    assertThat(say("d6 EXPUNGE"))
        .containsExactly("* 5 EXPUNGE", "* 4 EXPUNGE", "* 2 EXPUNGE", "d6 OK EXPUNGE done");
    assertThat(say("d7 UID SEARCH ALL")).containsExactly("* SEARCH 5 20", "d7 OK SEARCH done");
    assertThat(folders.get("INBOX").keySet()).containsExactly(5L, 20L);

    assertThat(say("d8 STORE 2 +FLAGS (\\Deleted)")).last().isEqualTo("d8 OK STORE done");
    assertThat(say("d9 CLOSE")).containsExactly("d9 OK CLOSE done");
    assertThat(folders.get("INBOX").keySet()).containsExactly(5L);
  }

  @Test
  void copyKeepsTheMessageMoveTellsItGoneAndAppendTakesALiteral() throws IOException {
    signIn();
    say("e1 SELECT INBOX");
    assertThat(say("e2 COPY 2 Archive")).containsExactly("e2 OK COPY done");
    assertThat(folders.get("Archive")).hasSize(1);
    assertThat(say("e3 UID MOVE 5 Trash")).containsExactly("* 1 EXPUNGE", "e3 OK MOVE done");
    assertThat(say("e4 FETCH 1 UID")).containsExactly("* 1 FETCH (UID 8)", "e4 OK FETCH done");
    assertThat(folders.get("Trash").values())
        .singleElement()
        .satisfies(m -> assertThat(m.bytes()).isEqualTo(PLAIN.getBytes(StandardCharsets.US_ASCII)));
    assertThat(say("e5 MOVE 1 INBOX"))
        .containsExactly("e5 NO [CANNOT] the messages are in INBOX already");

    byte[] draft = "Subject: Half\r\n\r\nDear Al\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1);
    out.write(
        ("e6 APPEND Drafts (\\Draft \\Seen) {" + draft.length + "}\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    assertThat(in.readLine()).isEqualTo("+ go ahead");
    out.write(draft);
    assertThat(say("e6", "")).containsExactly("e6 OK APPEND done");
    assertThat(folders.get("Drafts").values())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.bytes()).as("byte for byte, 8-bit and all").isEqualTo(draft);
              assertThat(m.flags()).containsExactlyInAnyOrder("\\Draft", "\\Seen");
            });
    out.write("e7 APPEND INBOX {25+}\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(say("e7", "X-Keymail-Security: x\r\n\r\n"))
        .containsExactly("e7 NO [CANNOT] not stored: a decrypted copy");
    out.write("e8 APPEND INBOX {12+}\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(say("e8", "Subject: a\r\n")).containsExactly("* 2 EXISTS", "e8 OK APPEND done");
    assertThat(say("e9 UID EXPUNGE 8"))
        .containsExactly(
            "e9 NO [CANNOT] the keymail bridge does not UID EXPUNGE yet; EXPUNGE removes every"
                + " message marked \\Deleted");
  }

  private void signIn() throws IOException {
    assertThat(say("s1 LOGIN bob@example.org \"se cret\"")).last().asString().startsWith("s1 OK ");
  }

  @Test
  void authenticatePlainTakesTheResponseAfterAContinuation() throws IOException {
    String plain =
        java.util.Base64.getEncoder()
            .encodeToString("\0bob@example.org\0se cret".getBytes(StandardCharsets.UTF_8));
    assertThat(say("c1 AUTHENTICATE PLAIN")).containsExactly("+ ");
    assertThat(say("c1", plain)).last().asString().startsWith("c1 OK ");
  }

  /** Sends one line and reads the answer up to its tagged line (or a lone continuation). */
  private List<String> say(String line) throws IOException {
    return say(line.split(" ", 2)[0], line);
  }

  /** Sends one line that ends the command {@code tag} began, and reads the answer. */
  private List<String> say(String tag, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    List<String> answer = new ArrayList<>();
    while (true) {
      String read = in.readLine();
      if (read == null) {
        return answer;
      }
      answer.add(read);
      if (read.startsWith(tag + " ") || read.equals("+ ") && answer.size() == 1) {
        return answer;
      }
    }
  }
}
