package org.keymail.mail.imap;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.keymail.mail.MailLogin;
import org.keymail.mail.MailServers;
import org.keymail.mail.MailSessions;
import org.keymail.mail.MailUnavailableException;
import org.keymail.smime.address.EmailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users' mailboxes on the organisation's IMAP server. One logged-in connection per user is kept
 * and reused from click to click; it is opened on first use (again if the server dropped it) and
 * closed after {@code idle} without use, so a server sees one connection per active user, not one
 * per page.
 */
public final class Mailboxes implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Mailboxes.class);

  private final MailServers servers;
  private final Clock clock;
  private final Duration idle;
  private final Map<EmailAddress, Connection> connections = new ConcurrentHashMap<>();

  public Mailboxes(MailServers servers, Clock clock, Duration idle) {
    this.servers = Objects.requireNonNull(servers, "servers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.idle = Objects.requireNonNull(idle, "idle");
  }

  /** The user's mailbox; the connection is made when it is first used. */
  public Mailbox of(EmailAddress user) {
    closeIdle();
    return new Mailbox(user, this);
  }

  /** How many users have a connection open now. */
  public int openConnections() {
    return (int) connections.values().stream().filter(c -> c.store.isConnected()).count();
  }

  /** Closes the connections nobody used for longer than {@code idle}. */
  public void closeIdle() {
    Instant limit = clock.instant().minus(idle);
    connections.forEach(
        (user, connection) -> {
          if (connection.lastUse.isBefore(limit) && connections.remove(user, connection)) {
            connection.close();
          }
        });
  }

  @Override
  public void close() {
    connections.values().forEach(Connection::close);
    connections.clear();
  }

  /** The user's connected store, logged in; the caller holds it only for one operation. */
  Store store(EmailAddress user) throws MailUnavailableException {
    return connected(user).store;
  }

  /**
   * The user's special-use folders (their server names), asked once per connection: they are needed
   * on every page, and change only when someone renames a folder, which a new connection then sees.
   */
  Map<FolderRole, String> specialUse(EmailAddress user)
      throws MailUnavailableException, MessagingException {
    Connection connection = connected(user);
    synchronized (connection) {
      if (connection.specialUse == null) {
        connection.specialUse = SpecialUseFolders.of((IMAPStore) connection.store);
      }
      return connection.specialUse;
    }
  }

  private Connection connected(EmailAddress user) throws MailUnavailableException {
    Connection connection = connections.computeIfAbsent(user, this::newConnection);
    synchronized (connection) {
      connection.lastUse = clock.instant();
      if (!connection.store.isConnected()) {
        connection.specialUse = null;
        connect(user, connection.store);
      }
      return connection;
    }
  }

  private Connection newConnection(EmailAddress user) {
    Optional<String> actAs =
        servers.login() instanceof MailLogin.Proxy ? Optional.of(user.ascii()) : Optional.empty();
    Session session = MailSessions.imap(servers.imap(), actAs);
    try {
      return new Connection(session.getStore(), clock.instant());
    } catch (MessagingException e) {
      throw new IllegalStateException("Angus Mail has no IMAP provider", e);
    }
  }

  private void connect(EmailAddress user, Store store) throws MailUnavailableException {
    String login;
    String secret;
    switch (servers.login()) {
      case MailLogin.Proxy proxy -> {
        login = proxy.masterUser();
        secret = proxy.secret();
      }
      case MailLogin.PerUser perUser -> {
        login = user.ascii();
        secret = perUser.passwordOf().apply(user);
      }
    }
    try {
      store.connect(login, secret);
    } catch (jakarta.mail.AuthenticationFailedException e) {
      LOG.warn("IMAP login for {} at {} refused: {}", user, servers.imap(), e.getMessage());
      throw new MailUnavailableException(
          "The mail server refused keymail's login for "
              + user
              + "; an administrator must check"
              + " keymail's mail settings.",
          e);
    } catch (MessagingException e) {
      LOG.warn("IMAP server {} not reachable for {}", servers.imap(), user, e);
      throw new MailUnavailableException(
          "The mail server "
              + servers.imap().host()
              + " is not reachable right now; try again in a"
              + " moment.",
          e);
    }
  }

  /** A user's connection and when it was last used. */
  private static final class Connection {
    final Store store;
    Instant lastUse;

    /** The special-use folders, or null until asked on this connection. */
    Map<FolderRole, String> specialUse;

    Connection(Store store, Instant lastUse) {
      this.store = store;
      this.lastUse = lastUse;
    }

    void close() {
      try {
        store.close();
      } catch (MessagingException e) {
        LOG.debug("closing an idle IMAP connection failed", e);
      }
    }
  }
}
