package org.keymail.mail.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An SMTP server on a free loopback port that takes every message and every recipient and hands
 * each message, as the client sent it (dot-stuffing undone, nothing added), with its envelope to a
 * {@link Delivery}: the relay (MTA) a mail server's submission port would pass mail to. A message
 * is accepted only once it is delivered, so a test that saw {@code 250} can read it at once.
 */
public final class SmtpRelay implements AutoCloseable {

  /** Where the relay puts an accepted message. */
  @FunctionalInterface
  public interface Delivery {
    /**
     * Delivers {@code message} to every one of {@code recipients} (the envelope's, Bcc included).
     */
    void deliver(String sender, List<String> recipients, byte[] message) throws Exception;
  }

  private final ServerSocket listener;
  private final Delivery delivery;

  private SmtpRelay(ServerSocket listener, Delivery delivery) {
    this.listener = listener;
    this.delivery = delivery;
  }

  /** Starts the relay on a free port of 127.0.0.1. */
  public static SmtpRelay start(Delivery delivery) throws IOException {
    SmtpRelay relay =
        new SmtpRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), delivery);
    Thread.ofPlatform().daemon().name("smtp-relay").start(relay::acceptAll);
    return relay;
  }

  public int port() {
    return listener.getLocalPort();
  }

  private void acceptAll() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Thread.ofVirtual().start(() -> serve(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setSoTimeout(30_000);
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      reply(out, "220 relay.keymail.test ESMTP");
      String sender = null;
      List<String> recipients = new ArrayList<>();
      while (true) {
        Optional<byte[]> line = line(in);
        if (line.isEmpty()) {
          return;
        }
        String command = new String(line.get(), StandardCharsets.ISO_8859_1).strip();
        String verb = command.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        switch (verb) {
          case "EHLO", "HELO", "NOOP" -> reply(out, "250 relay.keymail.test");
          case "RSET" -> {
            sender = null;
            recipients.clear();
            reply(out, "250 reset");
          }
          case "MAIL" -> {
            sender = path(command);
            recipients.clear();
            reply(out, "250 sender ok");
          }
          case "RCPT" -> {
            if (sender == null) {
              reply(out, "503 MAIL first");
            } else {
              recipients.add(path(command));
              reply(out, "250 recipient ok");
            }
          }
          case "DATA" -> {
            if (recipients.isEmpty()) {
              reply(out, "503 RCPT first");
              continue;
            }
            reply(out, "354 end with <CRLF>.<CRLF>");
            byte[] message = data(in);
            try {
              delivery.deliver(sender, List.copyOf(recipients), message);
              reply(out, "250 delivered");
            } catch (Exception e) {
              reply(out, "451 not delivered: " + e.getMessage().replaceAll("[\r\n]", " "));
            }
            sender = null;
            recipients.clear();
          }
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "502 not here");
        }
      }
    } catch (IOException e) {
      // The client went away; the next one is served all the same.
    }
  }

  /** The address between the angle brackets of {@code MAIL FROM:<...>} or {@code RCPT TO:<...>}. */
  private static String path(String command) {
    int open = command.indexOf('<');
    int close = command.indexOf('>', open + 1);
    return open >= 0 && close > open ? command.substring(open + 1, close) : "";
  }

  /** The message up to the line with a single dot: each line as sent, the leading dot undone. */
  private static byte[] data(InputStream in) throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    while (true) {
      byte[] line = line(in).orElseThrow(() -> new IOException("the client left within DATA"));
      if (line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n') {
        return message.toByteArray();
      }
      int from = line.length > 0 && line[0] == '.' ? 1 : 0;
      message.write(line, from, line.length - from);
    }
  }

  /** One line with its line end, or none at the end of the stream. */
  private static Optional<byte[]> line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      line.write(b);
      if (b == '\n') {
        return Optional.of(line.toByteArray());
      }
    }
    return line.size() == 0 ? Optional.empty() : Optional.of(line.toByteArray());
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
