package org.keymail.cli.client;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the CLI and the keymail agent say to each other on the agent's socket: one request and its
 * answer per connection. Every frame starts with {@link #VERSION}; an agent of another keymail
 * version answers {@link Kind#NOT_SENT}, and the command goes to the server directly.
 *
 * <p>A request: an {@link Operation}, and for {@link Operation#EXCHANGE} the method, the address,
 * how the server is trusted, the headers, and the body's length and bytes (-1 for none). An answer:
 * a {@link Kind} and its content.
 */
final class AgentProtocol {

  /** Changes whenever a frame does. */
  static final int VERSION = 0x4b4d4101;

  /** What a connection asks of the agent. */
  enum Operation {
    EXCHANGE,
    STATUS,
    STOP
  }

  /** What the agent answers. */
  enum Kind {
    /** The server's answer: status and body. */
    ANSWER,
    /** Nothing reached the server (no connection, no trusted handshake): the CLI goes directly. */
    NOT_SENT,
    /** The request may have reached the server, and no answer came: a sentence why. */
    FAILED,
    /** The agent's state, as lines for {@code keymail agent status}. */
    STATUS,
    /** Done: for {@link Operation#STOP}. */
    DONE
  }

  /** How the agent is to trust the server: its pin in known-servers, or these certificates. */
  record Trust(String server, byte[] certificates) {

    /** Trusted by the pin of {@code server} ({@code host:port}) in the CLI's known-servers. */
    static Trust pinned(String server) {
      return new Trust(server, new byte[0]);
    }

    boolean isPinned() {
      return certificates.length == 0;
    }
  }

  /** The fixed part of an exchange; the body follows it. */
  record Exchange(String method, URI uri, Trust trust, Map<String, String> headers, long length) {}

  private AgentProtocol() {}

  static void writeOperation(DataOutputStream out, Operation operation) throws IOException {
    out.writeInt(VERSION);
    out.writeByte(operation.ordinal());
  }

  /** The operation asked, or {@code null} for another version's frame. */
  static Operation readOperation(DataInputStream in) throws IOException {
    if (in.readInt() != VERSION) {
      return null;
    }
    int operation = in.readUnsignedByte();
    if (operation >= Operation.values().length) {
      throw new IOException("unknown operation " + operation);
    }
    return Operation.values()[operation];
  }

  static void writeExchange(DataOutputStream out, Exchange exchange) throws IOException {
    out.writeUTF(exchange.method());
    out.writeUTF(exchange.uri().toString());
    out.writeUTF(exchange.trust().server());
    out.writeInt(exchange.trust().certificates().length);
    out.write(exchange.trust().certificates());
    out.writeByte(exchange.headers().size());
    for (Map.Entry<String, String> header : exchange.headers().entrySet()) {
      out.writeUTF(header.getKey());
      out.writeUTF(header.getValue());
    }
    out.writeLong(exchange.length());
  }

  static Exchange readExchange(DataInputStream in) throws IOException {
    String method = in.readUTF();
    URI uri = URI.create(in.readUTF());
    String server = in.readUTF();
    byte[] certificates = readBytes(in, in.readInt(), 1 << 20);
    int count = in.readUnsignedByte();
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      headers.put(in.readUTF(), in.readUTF());
    }
    return new Exchange(method, uri, new Trust(server, certificates), headers, in.readLong());
  }

  static void writeAnswer(DataOutputStream out, Transport.Answer answer) throws IOException {
    out.writeByte(Kind.ANSWER.ordinal());
    out.writeInt(answer.status());
    out.writeInt(answer.body().length);
    out.write(answer.body());
  }

  static void writeText(DataOutputStream out, Kind kind, String text) throws IOException {
    out.writeByte(kind.ordinal());
    out.writeUTF(text);
  }

  static Kind readKind(DataInputStream in) throws IOException {
    int kind = in.readUnsignedByte();
    if (kind >= Kind.values().length) {
      throw new IOException("unknown answer " + kind);
    }
    return Kind.values()[kind];
  }

  static Transport.Answer readAnswer(DataInputStream in) throws IOException {
    int status = in.readInt();
    return new Transport.Answer(status, readBytes(in, in.readInt(), Integer.MAX_VALUE - 8));
  }

  private static byte[] readBytes(DataInputStream in, int length, int most) throws IOException {
    if (length < 0 || length > most) {
      throw new IOException("a frame of " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    try {
      in.readFully(bytes);
    } catch (EOFException e) {
      throw new IOException("the frame ended early", e);
    }
    return bytes;
  }
}
