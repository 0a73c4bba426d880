package org.keymail.cli.bridge.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge's SMTP side on the wire, with an outbox that records what it is handed: nothing before
 * sign-in, AUTH LOGIN and PLAIN, the message with its dot-stuffing removed and every line ending in
 * CRLF, and the outbox's refusal as the reply at the end of DATA.
 */
class SmtpConversationTest {

  private record Handed(String sender, List<String> recipients, String message) {}

  private final List<Handed> handed = new ArrayList<>();
  private SmtpServer server;
  private Socket socket;
  private BufferedReader in;
  private OutputStream out;

  @BeforeEach
  void connect() throws IOException {
    server =
        SmtpServer.start(
            0,
            (user, password) ->
                user.equals("bob@example.org") && new String(password).equals("se cret"),
            (sender, recipients, message) -> {
              if (recipients.contains("carol@example.org")) {
                throw new NotSentException(
                    550, "5.7.1", "not sent to anyone: no certificate for carol@example.org");
              }
              handed.add(
                  new Handed(sender, recipients, new String(message, StandardCharsets.UTF_8)));
            },
            new PrintStream(OutputStream.nullOutputStream()));
    socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
    socket.setSoTimeout(60_000);
    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    out = socket.getOutputStream();
    assertThat(in.readLine()).isEqualTo("220 127.0.0.1 keymail bridge ESMTP ready");
  }

  @AfterEach
  void close() throws IOException {
    socket.close();
    server.close();
  }

  @Test
  void aSignedInClientHandsOverAMessageAndTheOutboxDecidesTheReply() throws IOException {
    assertThat(say("EHLO client", 5))
        .containsExactly(
            "250-127.0.0.1 keymail bridge",
            "250-AUTH PLAIN LOGIN",
            "250-SIZE 67108864",
            "250-8BITMIME",
            "250 ENHANCEDSTATUSCODES");
    assertThat(say("MAIL FROM:<bob@example.org>", 1))
        .containsExactly("530 5.7.0 sign in first (AUTH PLAIN or LOGIN)");
    assertThat(say("AUTH LOGIN " + base64("bob@example.org"), 1))
        .containsExactly("334 UGFzc3dvcmQ6");
    assertThat(say(base64("wrong"), 1))
        .containsExactly(
            "535 5.7.8 wrong user name or password: use the ones 'keymail bridge' showed when it"
                + " started");
    assertThat(say("AUTH PLAIN " + base64("\0bob@example.org\0se cret"), 1))
        .containsExactly("235 2.7.0 signed in");

    assertThat(say("MAIL FROM:<bob@example.org> SIZE=100", 1))
        .containsExactly("250 2.1.0 sender OK");
    assertThat(say("RCPT TO:<alice@example.org>", 1)).containsExactly("250 2.1.5 recipient OK");
    assertThat(say("DATA", 1))
        .containsExactly("354 send the message, end with a line holding a single dot");
    // A bare LF line end and a dot-stuffed line, as clients may send them.
    out.write(
        "Subject: Hi\r\n\r\n..leading dot\nbare line end\r\n.\r\n"
            .getBytes(StandardCharsets.UTF_8));
    assertThat(in.readLine()).isEqualTo("250 2.0.0 sent");
    assertThat(handed)
        .containsExactly(
            new Handed(
                "bob@example.org",
                List.of("alice@example.org"),
                "Subject: Hi\r\n\r\n.leading dot\r\nbare line end\r\n"));

    // The outbox refuses: its reply, and the next message starts afresh.
    say("MAIL FROM:<bob@example.org>", 1);
    say("RCPT TO:<alice@example.org>", 1);
    say("RCPT TO:<carol@example.org>", 1);
    say("DATA", 1);
    assertThat(say("Subject: Secret\r\n\r\nHush.\r\n.", 1))
        .containsExactly("550 5.7.1 not sent to anyone: no certificate for carol@example.org");
    assertThat(say("RCPT TO:<alice@example.org>", 1)).containsExactly("503 5.5.1 MAIL first");
    assertThat(handed).hasSize(1);
    assertThat(say("STARTTLS", 1))
        .containsExactly("502 5.5.1 no TLS: the bridge listens on this computer only (127.0.0.1)");
    assertThat(say("QUIT", 1)).containsExactly("221 2.0.0 bye");
  }

  @Test
  void threeWrongPasswordsCloseTheConnection() throws IOException {
    say("EHLO client", 5);
    for (int i = 0; i < 2; i++) {
      assertThat(say("AUTH PLAIN " + base64("\0bob@example.org\0nope"), 1)).hasSize(1);
    }
    assertThat(say("AUTH PLAIN " + base64("\0bob@example.org\0nope"), 2))
        .last()
        .isEqualTo("421 4.7.0 too many wrong passwords; closing");
    assertThat(in.readLine()).isNull();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> say(String line, int replies) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    List<String> answer = new ArrayList<>();
    for (int i = 0; i < replies; i++) {
      answer.add(in.readLine());
    }
    return answer;
  }
}
