package org.keymail.cli.bridge.imap;

import java.io.IOException;
import java.io.PrintStream;
import org.keymail.cli.bridge.listen.ClientLogin;
import org.keymail.cli.bridge.listen.LoopbackListener;

/**
 * The bridge's IMAP side: an IMAP4rev1 server (the subset of RFC 3501 mail clients use to read)
 * over an {@link ImapMailbox}, on the loopback address only, one virtual thread per connection.
 */
public final class ImapServer implements AutoCloseable {

  private final LoopbackListener listener;

  private ImapServer(LoopbackListener listener) {
    this.listener = listener;
  }

  /** Starts listening on 127.0.0.1 at {@code port} (0: any free one). */
  public static ImapServer start(int port, ClientLogin login, ImapMailbox mailbox, PrintStream log)
      throws IOException {
    return new ImapServer(
        LoopbackListener.start(
            port, client -> new ImapSession(client, login, mailbox).serve(), log));
  }

  public int port() {
    return listener.port();
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
