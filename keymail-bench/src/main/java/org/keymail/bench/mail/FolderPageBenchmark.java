package org.keymail.bench.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.keymail.mail.MailLogin;
import org.keymail.mail.MailServers;
import org.keymail.mail.MailServers.Endpoint;
import org.keymail.mail.MailServers.Security;
import org.keymail.mail.MailSessions;
import org.keymail.mail.embedded.EmbeddedMailServer;
import org.keymail.mail.imap.Mailbox;
import org.keymail.mail.imap.Mailboxes;
import org.keymail.mail.imap.MessagePage;
import org.keymail.mail.testing.Dovecot;
import org.keymail.smime.address.EmailAddress;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The first page (50 messages, newest first) of a folder of 10 and of 10,000 messages, through a
 * kept connection as the webmail opens a folder, on the embedded IMAP server and on a real Dovecot
 * (keymail logged in as its master user): the goal is that the two folders take about as long,
 * because only the page's range of messages is fetched.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FolderPageBenchmark {

  @Param({"embedded", "dovecot"})
  String server;

  @Param({"10", "10000"})
  int messages;

  private AutoCloseable running;
  private Mailboxes mailboxes;
  private Mailbox mailbox;

  @Setup(Level.Trial)
  public void fill() throws Exception {
    EmailAddress user = EmailAddress.parse("reader@example.org");
    MailServers servers;
    if (server.equals("dovecot")) {
      String secret = UUID.randomUUID().toString();
      Dovecot dovecot =
          Dovecot.start(
              Files.createTempDirectory("keymail-bench-dovecot"), secret, List.of(user.ascii()));
      running = dovecot;
      Endpoint imap = new Endpoint("127.0.0.1", dovecot.port(), Security.NONE);
      servers =
          new MailServers(
              imap, new MailLogin.Proxy(Dovecot.MASTER, secret), imap, Optional.empty());
      fill(servers, user, Optional.of(user.ascii()), Dovecot.MASTER, secret);
    } else {
      EmbeddedMailServer embedded = EmbeddedMailServer.start(0, 0);
      running = embedded;
      embedded.ensureMailbox(user);
      servers = embedded.servers();
      String password = ((MailLogin.PerUser) servers.login()).passwordOf().apply(user);
      fill(servers, user, Optional.empty(), user.ascii(), password);
    }
    mailboxes = new Mailboxes(servers, Clock.systemUTC(), Duration.ofHours(1));
    mailbox = mailboxes.of(user);
  }

  /** Fills INBOX in batches over one connection: the page, not the filling, is measured. */
  private void fill(
      MailServers servers, EmailAddress user, Optional<String> actAs, String login, String password)
      throws Exception {
    Session session = MailSessions.imap(servers.imap(), actAs);
    try (Store store = session.getStore()) {
      store.connect(login, password);
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      List<Message> batch = new ArrayList<>();
      for (int i = 1; i <= messages; i++) {
        MimeMessage message =
            new MimeMessage(
                session, new ByteArrayInputStream(message(i).getBytes(StandardCharsets.UTF_8)));
        message.setFlag(Flags.Flag.SEEN, i % 3 == 0);
        batch.add(message);
        if (batch.size() == 500 || i == messages) {
          inbox.appendMessages(batch.toArray(Message[]::new));
          batch.clear();
        }
      }
      inbox.close(false);
    }
  }

  private static String message(int i) {
    return "From: Sender "
        + i
        + " <sender"
        + i
        + "@example.org>\r\nTo: reader@example.org\r\nSubject: message "
        + i
        + "\r\nDate: Thu, 03 Dec 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        + "Body of message "
        + i
        + ".\r\n".repeat(40);
  }

  @Benchmark
  public MessagePage firstPage() throws Exception {
    return mailbox.page("INBOX", 0, 50);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    mailboxes.close();
    running.close();
  }
}
