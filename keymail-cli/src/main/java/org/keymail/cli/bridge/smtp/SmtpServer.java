package org.keymail.cli.bridge.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.keymail.cli.bridge.listen.ClientLogin;
import org.keymail.cli.bridge.listen.LoopbackListener;
import org.keymail.cli.bridge.listen.SaslPlain;

/**
 * The bridge's SMTP submission side (RFC 6409 subset): EHLO/HELO, AUTH PLAIN and LOGIN with the
 * bridge's credential, MAIL, RCPT, DATA, RSET, NOOP, QUIT. A message goes to the {@link Outbox}
 * only once complete, and the reply at the end of DATA is the outbox's: sent to everyone, or to no
 * one. Listens on the loopback address only.
 */
public final class SmtpServer implements AutoCloseable {

  /** The largest message taken, in bytes (the server has its own limit too). */
  static final int MAX_MESSAGE = 64 * 1024 * 1024;

  private static final int MAX_LINE = 4096;
  private static final int MAX_RECIPIENTS = 500;
  private static final int MAX_WRONG_LOGINS = 3;

  private final LoopbackListener listener;

  private SmtpServer(LoopbackListener listener) {
    this.listener = listener;
  }

  /** Starts listening on 127.0.0.1 at {@code port} (0: any free one). */
  public static SmtpServer start(int port, ClientLogin login, Outbox outbox, PrintStream log)
      throws IOException {
    return new SmtpServer(
        LoopbackListener.start(
            port, client -> new Conversation(client, login, outbox).serve(), log));
  }

  public int port() {
    return listener.port();
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }

  /** One client's connection. */
  private static final class Conversation {
    private final InputStream in;
    private final OutputStream out;
    private final ClientLogin login;
    private final Outbox outbox;
    private boolean greeted;
    private boolean signedIn;
    private int wrongLogins;
    private String sender;
    private final List<String> recipients = new ArrayList<>();

    Conversation(Socket client, ClientLogin login, Outbox outbox) throws IOException {
      this.in = new java.io.BufferedInputStream(client.getInputStream());
      this.out = client.getOutputStream();
      this.login = login;
      this.outbox = outbox;
    }

    void serve() throws IOException {
      reply("220 127.0.0.1 keymail bridge ESMTP ready");
      while (true) {
        Optional<String> read = line();
        if (read.isEmpty()) {
          return;
        }
        String line = read.get();
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        switch (verb) {
          case "EHLO" -> {
            greeted = true;
            reset();
            reply(
                "250-127.0.0.1 keymail bridge",
                "250-AUTH PLAIN LOGIN",
                "250-SIZE " + MAX_MESSAGE,
                "250-8BITMIME",
                "250 ENHANCEDSTATUSCODES");
          }
          case "HELO" -> {
            greeted = true;
            reset();
            reply("250 127.0.0.1 keymail bridge");
          }
          case "AUTH" -> auth(argument);
          case "MAIL" -> mail(argument);
          case "RCPT" -> rcpt(argument);
          case "DATA" -> data();
          case "RSET" -> {
            reset();
            reply("250 2.0.0 reset");
          }
          case "NOOP" -> reply("250 2.0.0 OK");
          case "VRFY" -> reply("252 2.5.0 the bridge does not verify addresses");
          case "QUIT" -> {
            reply("221 2.0.0 bye");
            return;
          }
          case "STARTTLS" ->
              reply("502 5.5.1 no TLS: the bridge listens on this computer only (127.0.0.1)");
          default -> reply("502 5.5.1 the bridge does not know " + verb);
        }
        if (wrongLogins >= MAX_WRONG_LOGINS) {
          reply("421 4.7.0 too many wrong passwords; closing");
          return;
        }
      }
    }

    private void auth(String argument) throws IOException {
      if (signedIn) {
        reply("503 5.5.1 already signed in");
        return;
      }
      if (!greeted) {
        reply("503 5.5.1 say EHLO first");
        return;
      }
      String[] words = argument.split(" ", 2);
      String mechanism = words[0].toUpperCase(Locale.ROOT);
      boolean accepted;
      switch (mechanism) {
        case "PLAIN" -> {
          String response;
          if (words.length > 1) {
            response = words[1];
          } else {
            reply("334 ");
            Optional<String> answer = line();
            if (answer.isEmpty()) {
              return;
            }
            response = answer.get();
          }
          if (response.equals("*")) {
            reply("501 5.7.0 authentication cancelled");
            return;
          }
          accepted = SaslPlain.accepts(response, login);
        }
        case "LOGIN" -> {
          String user64;
          if (words.length > 1) {
            user64 = words[1];
          } else {
            reply("334 VXNlcm5hbWU6"); // "Username:"
            Optional<String> answer = line();
            if (answer.isEmpty()) {
              return;
            }
            user64 = answer.get();
          }
          reply("334 UGFzc3dvcmQ6"); // "Password:"
          Optional<String> answer = line();
          if (answer.isEmpty()) {
            return;
          }
          char[] password = SaslPlain.password(answer.get());
          try {
            accepted =
                SaslPlain.text(user64).map(user -> login.accepts(user, password)).orElse(false);
          } finally {
            Arrays.fill(password, '\0');
          }
        }
        default -> {
          reply("504 5.5.4 the bridge knows AUTH PLAIN and LOGIN only");
          return;
        }
      }
      if (accepted) {
        signedIn = true;
        reply("235 2.7.0 signed in");
      } else {
        wrongLogins++;
        reply(
            "535 5.7.8 wrong user name or password: use the ones 'keymail bridge' showed when it"
                + " started");
      }
    }

    private void mail(String argument) throws IOException {
      if (!signedIn) {
        reply("530 5.7.0 sign in first (AUTH PLAIN or LOGIN)");
        return;
      }
      if (sender != null) {
        reply("503 5.5.1 MAIL was given already; RSET to start again");
        return;
      }
      Optional<String> path = path(argument, "FROM:");
      if (path.isEmpty()) {
        reply("501 5.5.4 say MAIL FROM:<your address>");
        return;
      }
      sender = path.get();
      reply("250 2.1.0 sender OK");
    }

    private void rcpt(String argument) throws IOException {
      if (sender == null) {
        reply("503 5.5.1 MAIL first");
        return;
      }
      Optional<String> path = path(argument, "TO:");
      if (path.isEmpty() || path.get().isEmpty()) {
        reply("501 5.5.4 say RCPT TO:<address>");
        return;
      }
      if (recipients.size() >= MAX_RECIPIENTS) {
        reply("452 4.5.3 too many recipients");
        return;
      }
      recipients.add(path.get());
      reply("250 2.1.5 recipient OK");
    }

    private void data() throws IOException {
      if (sender == null || recipients.isEmpty()) {
        reply("503 5.5.1 MAIL and RCPT first");
        return;
      }
      reply("354 send the message, end with a line holding a single dot");
      Optional<byte[]> message = message();
      if (message.isEmpty()) {
        reply("552 5.3.4 the message is larger than " + MAX_MESSAGE + " bytes; not sent");
        reset();
        return;
      }
      try {
        outbox.send(sender, List.copyOf(recipients), message.get());
        reply("250 2.0.0 sent");
      } catch (NotSentException e) {
        reply(e.reply());
      } finally {
        reset();
      }
    }

    /** The message up to the lone dot, dot-stuffing removed, every line ending in CRLF. */
    private Optional<byte[]> message() throws IOException {
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      boolean tooLarge = false;
      int b;
      while ((b = in.read()) != -1) {
        if (b != '\n') {
          line.write(b);
          continue;
        }
        byte[] bytes = line.toByteArray();
        line.reset();
        int length =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        if (length == 1 && bytes[0] == '.') {
          return tooLarge ? Optional.empty() : Optional.of(message.toByteArray());
        }
        int from = length > 0 && bytes[0] == '.' ? 1 : 0;
        if (message.size() + length > MAX_MESSAGE) {
          tooLarge = true;
          message.reset();
        }
        if (!tooLarge) {
          message.write(bytes, from, length - from);
          message.write('\r');
          message.write('\n');
        }
      }
      throw new java.io.EOFException("the client left in the middle of DATA");
    }

    private static Optional<String> path(String argument, String keyword) {
      if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
        return Optional.empty();
      }
      String rest = argument.substring(keyword.length()).strip();
      if (!rest.startsWith("<")) {
        return Optional.empty();
      }
      int end = rest.indexOf('>');
      return end < 0 ? Optional.empty() : Optional.of(rest.substring(1, end).strip());
    }

    private void reset() {
      sender = null;
      recipients.clear();
    }

    /** A command line without its CRLF; empty when the client left. */
    private Optional<String> line() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != -1) {
        if (b == '\n') {
          String text = line.toString(StandardCharsets.UTF_8);
          return Optional.of(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
        }
        if (line.size() < MAX_LINE) {
          line.write(b);
        }
      }
      return Optional.empty();
    }

    private void reply(String... lines) throws IOException {
      StringBuilder all = new StringBuilder();
      for (String line : lines) {
        all.append(line).append("\r\n");
      }
      out.write(all.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }
}
