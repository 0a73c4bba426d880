package org.keymail.cli.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Requests through the keymail agent ({@code keymail agent start}), which keeps a warm process and
 * open TLS connections to the server: this process then makes no TLS connection of its own, which
 * is most of a short command's time. The agent adds nothing of its own: the session token comes
 * with each request from this process, and the server is trusted as this command would trust it.
 *
 * <p>The agent only speeds things up. When there is none, when it cannot reach the server or cannot
 * trust it (a server met for the first time, a pin that no longer matches), and when it stops
 * before a request was whole, the request goes {@linkplain DirectTransport directly}, which says
 * what went wrong in its own words. Only once a request may have reached the server does a failure
 * stay one: sending it again could send a message twice.
 */
final class AgentTransport implements Transport {

  private final Path socket;
  private final AgentProtocol.Trust trust;
  private final Transport direct;

  private AgentTransport(Path socket, AgentProtocol.Trust trust, Transport direct) {
    this.socket = socket;
    this.trust = trust;
    this.direct = direct;
  }

  /** Through the agent of {@code home} when one may be running, else {@code direct}. */
  static Transport orDirect(KeymailHome home, AgentProtocol.Trust trust, Transport direct) {
    Path socket = home.agentSocket();
    return Files.exists(socket) ? new AgentTransport(socket, trust, direct) : direct;
  }

  @Override
  public Answer exchange(Request request) throws IOException, InterruptedException {
    Optional<SocketChannel> agent = connect(socket);
    if (agent.isEmpty()) {
      return direct.exchange(request);
    }
    try (SocketChannel channel = agent.get()) {
      try {
        send(channel, request);
      } catch (IOException stopped) {
        // The agent went away before the request was whole: the server took none of it.
        return direct.exchange(request);
      }
      DataInputStream in =
          new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
      AgentProtocol.Kind kind;
      try {
        kind = AgentProtocol.readKind(in);
      } catch (IOException stopped) {
        throw new IOException(
            "the keymail agent stopped while the server was answering; the request may have"
                + " reached it",
            stopped);
      }
      return switch (kind) {
        case ANSWER -> AgentProtocol.readAnswer(in);
        case NOT_SENT -> direct.exchange(request);
        case FAILED -> throw new IOException(in.readUTF());
        default -> throw new IOException("the keymail agent answered " + kind);
      };
    }
  }

  private void send(SocketChannel channel, Request request) throws IOException {
    DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
    AgentProtocol.writeOperation(out, AgentProtocol.Operation.EXCHANGE);
    byte[] body = request.body().orElse(null);
    AgentProtocol.writeExchange(
        out,
        new AgentProtocol.Exchange(
            request.method(),
            request.uri(),
            trust,
            request.headers(),
            body == null ? -1 : body.length));
    if (body != null) {
      for (int offset = 0; offset < body.length; offset += 1 << 16) {
        int length = Math.min(1 << 16, body.length - offset);
        out.write(body, offset, length);
        request.sent().accept(length);
      }
    }
    out.flush();
  }

  /** A connection to the agent answering on {@code socket}, if one does. */
  static Optional<SocketChannel> connect(Path socket) {
    try {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
        return Optional.of(channel);
      } catch (IOException | RuntimeException none) {
        // Nothing listens there, or the path is one a socket cannot have (InvalidPathException).
        channel.close();
        return Optional.empty();
      }
    } catch (IOException none) {
      // No agent (a file left by one that was killed): the command goes directly.
      return Optional.empty();
    }
  }
}
