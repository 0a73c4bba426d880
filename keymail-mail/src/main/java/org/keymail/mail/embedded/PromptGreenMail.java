package org.keymail.mail.embedded;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;

/**
 * GreenMail whose IMAP and SMTP connections send each answer at once. GreenMail flushes every
 * answer line by itself, and with Nagle's algorithm on (the socket's default) each line after the
 * first waits for the client's delayed acknowledgement: about 40 ms per command, so that listing a
 * folder took 90 ms however small it was. {@code TCP_NODELAY} on each accepted connection removes
 * the wait.
 */
final class PromptGreenMail extends GreenMail {

  PromptGreenMail(ServerSetup[] setups) {
    super(setups);
  }

  @Override
  protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
    Map<String, AbstractServer> services = new HashMap<>();
    for (ServerSetup setup : setups) {
      String protocol = setup.getProtocol();
      switch (protocol) {
        case ServerSetup.PROTOCOL_SMTP -> services.put(protocol, new PromptSmtp(setup, managers));
        case ServerSetup.PROTOCOL_IMAP -> services.put(protocol, new PromptImap(setup, managers));
        default -> throw new IllegalArgumentException("the embedded server has no " + protocol);
      }
    }
    return services;
  }

  /** The port the server for {@code protocol} listens on. */
  int port(String protocol) {
    return services.get(protocol).getPort();
  }

  private static Socket prompt(Socket socket) {
    try {
      socket.setTcpNoDelay(true);
    } catch (SocketException closedAlready) {
      // The handler meets the closed socket at once and ends.
    }
    return socket;
  }

  private static final class PromptSmtp extends SmtpServer {
    PromptSmtp(ServerSetup setup, Managers managers) {
      super(setup, managers);
    }

    @Override
    protected ProtocolHandler createProtocolHandler(Socket socket) {
      return super.createProtocolHandler(prompt(socket));
    }
  }

  /** GreenMail's own IMAP server class is final: this one makes the same handler. */
  private static final class PromptImap extends AbstractServer {
    PromptImap(ServerSetup setup, Managers managers) {
      super(setup, managers);
    }

    @Override
    protected ProtocolHandler createProtocolHandler(Socket socket) {
      return new ImapHandler(
          managers.getUserManager(), managers.getImapHostManager(), prompt(socket));
    }
  }
}
