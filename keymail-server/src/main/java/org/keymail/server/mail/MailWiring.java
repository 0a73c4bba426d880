package org.keymail.server.mail;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.keymail.mail.MailServers;
import org.keymail.mail.embedded.EmbeddedMailServer;
import org.keymail.mail.imap.Mailboxes;
import org.keymail.mail.submit.MailSubmission;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The mail servers the webmail uses: the organisation's, or the embedded one started here, and from
 * them the users' mailboxes (a connection per active user, closed after five idle minutes) and
 * submission.
 */
@Configuration(proxyBeanMethods = false)
public class MailWiring {

  /** How long a user's IMAP connection stays open without use. */
  static final Duration IDLE = Duration.ofMinutes(5);

  @Bean(destroyMethod = "close")
  MailBackend mailBackend(MailProperties properties) {
    if (properties.embedded()) {
      EmbeddedMailServer server =
          EmbeddedMailServer.start(properties.embeddedSmtpPort(), properties.embeddedImapPort());
      return new MailBackend(server.servers(), Optional.of(server));
    }
    return new MailBackend(properties.servers(), Optional.empty());
  }

  @Bean(destroyMethod = "close")
  Mailboxes mailboxes(MailBackend backend, @Qualifier("keymailClock") Clock clock) {
    return new Mailboxes(backend.servers(), clock, IDLE);
  }

  @Bean
  MailSubmission mailSubmission(MailBackend backend) {
    return new MailSubmission(backend.servers());
  }

  /**
   * The mail servers in use and, when keymail runs it, the embedded server.
   *
   * @param servers where the mailboxes and submission are
   * @param embedded the embedded server, when it is the one
   */
  public record MailBackend(MailServers servers, Optional<EmbeddedMailServer> embedded)
      implements AutoCloseable {
    @Override
    public void close() {
      embedded.ifPresent(EmbeddedMailServer::close);
    }

    /** One line for the start report: where mail is. */
    public String describe() {
      return embedded.isPresent()
          ? "embedded (IMAP "
              + servers.imap().host()
              + ":"
              + servers.imap().port()
              + ", SMTP "
              + servers.smtp().host()
              + ":"
              + servers.smtp().port()
              + "; mail kept in memory until the server stops)"
          : "IMAP " + servers.imap() + ", SMTP " + servers.smtp();
    }
  }
}
