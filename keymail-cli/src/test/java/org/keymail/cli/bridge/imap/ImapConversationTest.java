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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private final ImapMailbox mailbox =
      new ImapMailbox() {
        @Override
        public List<Folder> folders() {
          return List.of(
              new Folder("INBOX", Optional.empty(), 2, 2),
              new Folder("Sent", Optional.of("\\Sent"), 0, 0));
        }

        @Override
        public List<Message> messages(String folder) throws Unavailable {
          if (!folder.equals("INBOX")) {
            throw new Unavailable("There is no folder " + folder + ".");
          }
          return List.of(
              new Message(5, false, Instant.parse("2026-12-04T17:20:11Z")),
              new Message(8, markedSeen.contains(8L), Instant.parse("2026-12-04T18:00:00Z")));
        }

        @Override
        public byte[] message(String folder, long uid) {
          return Map.of(5L, PLAIN, 8L, MIXED).get(uid).getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public void markSeen(String folder, long uid) {
          markedSeen.add(uid);
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
            "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR LITERAL+ UNSELECT] keymail bridge ready");
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
    assertThat(say("b4 STORE 1 +FLAGS (\\Deleted)"))
        .containsExactly(
            "b4 NO [CANNOT] the keymail bridge keeps only the read mark (\\Seen) and cannot clear"
                + " it yet; \\Deleted was not stored");
    assertThat(say("b5 STATUS Sent (MESSAGES)"))
        .containsExactly("b5 NO [UNAVAILABLE] There is no folder Sent.");
    assertThat(say("b6 FETCH 3 FLAGS"))
        .containsExactly("b6 BAD there are only 2 messages in INBOX");
    assertThat(say("b7 FROBNICATE"))
        .containsExactly("b7 BAD the keymail bridge does not know the command FROBNICATE");
    assertThat(say("b8 COPY 1 Sent"))
        .containsExactly(
            "b8 NO [CANNOT] the keymail bridge does not COPY yet; use the webmail for that");
    assertThat(say("b9 LOGOUT"))
        .containsExactly("* BYE keymail bridge says goodbye", "b9 OK LOGOUT done");
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
