package org.keymail.cli.bridge.listen;

import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A listening socket on the loopback address only, serving each mail client's connection in a
 * virtual thread of its own until the listener is closed, which also closes every open connection.
 * The bridge's credential travels unencrypted over these connections; that is why no other address
 * is ever bound.
 */
public final class LoopbackListener implements AutoCloseable {

  /** What serves one connection; it returns when the client leaves. */
  @FunctionalInterface
  public interface Conversation {
    void serve(Socket client) throws IOException;
  }

  /** A client silent this long is disconnected (IMAP's autologout is at least 30 minutes). */
  private static final Duration IDLE = Duration.ofMinutes(31);

  private final ServerSocket socket;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  private LoopbackListener(ServerSocket socket, Conversation conversation, PrintStream log) {
    this.socket = socket;
    this.acceptor =
        Thread.ofVirtual()
            .name("bridge-listener-" + socket.getLocalPort())
            .start(() -> accept(conversation, log));
  }

  /** Listens on 127.0.0.1 at {@code port} (0: any free port). */
  public static LoopbackListener start(int port, Conversation conversation, PrintStream log)
      throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return new LoopbackListener(socket, conversation, log);
  }

  public int port() {
    return socket.getLocalPort();
  }

  private void accept(Conversation conversation, PrintStream log) {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException closed) {
        return;
      }
      open.add(client);
      Thread.ofVirtual()
          .start(
              () -> {
                try (client) {
                  client.setSoTimeout((int) IDLE.toMillis());
                  conversation.serve(client);
                } catch (SocketException | EOFException gone) {
                  // The client went away, mid-command or not, or the bridge stops: nothing to tell.
                } catch (IOException e) {
                  log.println("keymail bridge: a connection ended: " + e.getMessage());
                } finally {
                  open.remove(client);
                }
              });
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket client : open) {
      client.close();
    }
    acceptor.interrupt();
  }
}
