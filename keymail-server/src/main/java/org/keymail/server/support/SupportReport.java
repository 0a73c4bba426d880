package org.keymail.server.support;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.keymail.mail.MailUnavailableException;
import org.keymail.mail.MessageRefusedException;
import org.keymail.mail.submit.MailSubmission;
import org.keymail.server.KeymailServer;
import org.keymail.smime.address.EmailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Writes and sends a support report. The mail is From the person (keymail sends only as the
 * signed-in person), Reply-To the address they gave, to the service desk; its text says what they
 * wrote and on which system, and names each attachment with its size and SHA-256, computed over the
 * very bytes attached. The mail is neither signed nor encrypted: the service desk need not be a
 * keymail user, and nothing in it is a secret.
 */
@Service
class SupportReport {

  private static final Logger LOG = LoggerFactory.getLogger(SupportReport.class);

  /** The longest description taken, in characters. */
  static final int MOST_CHARACTERS = 20_000;

  private final Optional<EmailAddress> serviceDesk;
  private final MailSubmission submission;
  private final AuditEvents audit;
  private final ServerLogLines log;
  private final Clock clock;

  SupportReport(
      @Value("${keymail.support.address:}") String serviceDesk,
      MailSubmission submission,
      AuditEvents audit,
      ServerLogLines log,
      @Qualifier("keymailClock") Clock clock) {
    this.serviceDesk =
        serviceDesk == null || serviceDesk.isBlank()
            ? Optional.empty()
            : Optional.of(EmailAddress.parse(serviceDesk.strip()));
    this.submission = submission;
    this.audit = audit;
    this.log = log;
    this.clock = clock;
  }

  /** Who writes, and from which browser. */
  record Writer(UUID userId, EmailAddress address, String userAgent) {}

  /** What the person typed. */
  record Request(String description, String replyTo, String name) {}

  /** What was sent, as the page and the API show it. */
  record Sent(
      String recipient,
      String from,
      String replyTo,
      String subject,
      String text,
      List<Attached.Summary> attachments) {}

  /** The service desk's address, when the administrator set one. */
  Optional<EmailAddress> serviceDesk() {
    return serviceDesk;
  }

  Sent send(Writer writer, Request request) throws SupportProblem, IOException {
    if (serviceDesk.isEmpty()) {
      throw new SupportProblem(
          SupportProblem.Kind.NOT_SET_UP,
          "Support is not set up on this server: ask your administrator to set"
              + " keymail.support.address.");
    }
    String description = request.description() == null ? "" : request.description().strip();
    if (description.isEmpty()) {
      throw new SupportProblem(SupportProblem.Kind.INVALID, "Describe your problem or question.");
    }
    if (description.length() > MOST_CHARACTERS) {
      throw new SupportProblem(
          SupportProblem.Kind.INVALID,
          "The description is longer than " + MOST_CHARACTERS + " characters; shorten it.");
    }
    EmailAddress replyTo = replyTo(request.replyTo(), writer.address());
    String name = request.name() == null ? "" : request.name().strip();
    // Said before the logs are gathered, so the report carries its own line too.
    LOG.info("a support report is being sent to the service desk");
    List<Attached> files =
        List.of(
            new Attached("audit-events.json", "application/json", audit.of(writer.userId())),
            new Attached("server-log.jsonl", "application/x-ndjson", log.of(writer.userId())));
    String subject = "keymail support: " + firstLine(description);
    String text = text(writer, replyTo, name, description, files);
    Path file =
        Files.createTempFile(
            "keymail-support-",
            ".eml",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      write(writer, replyTo, name, subject, text, files, file);
      submission.submit(writer.address(), List.of(serviceDesk.get()), file);
    } catch (MessageRefusedException e) {
      throw new SupportProblem(
          SupportProblem.Kind.MAIL_REFUSED,
          "Not sent: the mail server refused the report: " + e.getMessage() + ".",
          e);
    } catch (MailUnavailableException e) {
      throw new SupportProblem(
          SupportProblem.Kind.MAIL_UNAVAILABLE,
          "Not sent: the mail server cannot be reached right now (" + e.getMessage() + ").",
          e);
    } finally {
      Files.deleteIfExists(file);
    }
    return new Sent(
        serviceDesk.get().toString(),
        writer.address().toString(),
        replyTo.toString(),
        subject,
        text,
        files.stream().map(Attached::summary).toList());
  }

  private static EmailAddress replyTo(String typed, EmailAddress own) throws SupportProblem {
    if (typed == null || typed.isBlank()) {
      return own;
    }
    try {
      return EmailAddress.parse(typed.strip());
    } catch (IllegalArgumentException e) {
      throw new SupportProblem(
          SupportProblem.Kind.INVALID,
          "\"" + typed.strip() + "\" is not an e-mail address support could reply to.",
          e);
    }
  }

  private static String firstLine(String description) {
    String line = description.lines().findFirst().orElse("").strip();
    return line.length() > 60 ? line.substring(0, 60) + "…" : line;
  }

  private static String text(
      Writer writer, EmailAddress replyTo, String name, String description, List<Attached> files) {
    String version = KeymailServer.class.getPackage().getImplementationVersion();
    StringBuilder text = new StringBuilder();
    text.append(description).append("\n\n-- \n");
    text.append("From: ")
        .append(name.isEmpty() ? "" : name + " ")
        .append('<')
        .append(writer.address())
        .append(">, keymail user ")
        .append(writer.userId())
        .append('\n');
    text.append("Reply to: ").append(replyTo).append('\n');
    text.append("keymail: ").append(version == null ? "development build" : version).append('\n');
    text.append("Server system: ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.version"))
        .append(" (")
        .append(System.getProperty("os.arch"))
        .append(")\n");
    text.append("Java: ")
        .append(Runtime.version())
        .append(" (")
        .append(System.getProperty("java.vendor"))
        .append(")\n");
    text.append("Browser: ")
        .append(
            writer.userAgent() == null || writer.userAgent().isBlank()
                ? "unknown"
                : writer.userAgent().strip())
        .append("\n\n");
    text.append("Attached, unaltered (SHA-256 over the attached bytes):\n");
    for (Attached file : files) {
      Attached.Summary summary = file.summary();
      text.append("  ")
          .append(summary.name())
          .append(", ")
          .append(summary.bytes())
          .append(" bytes, SHA-256 ")
          .append(summary.sha256())
          .append('\n');
    }
    return text.toString();
  }

  private void write(
      Writer writer,
      EmailAddress replyTo,
      String name,
      String subject,
      String text,
      List<Attached> files,
      Path file)
      throws IOException, SupportProblem {
    try {
      MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
      message.setFrom(
          new InternetAddress(writer.address().ascii(), name.isEmpty() ? null : name, "UTF-8"));
      message.setReplyTo(new InternetAddress[] {new InternetAddress(replyTo.ascii(), false)});
      message.setRecipient(
          MimeMessage.RecipientType.TO, new InternetAddress(serviceDesk.get().ascii(), false));
      message.setSubject(subject, "UTF-8");
      message.setSentDate(Date.from(clock.instant()));
      MimeMultipart mixed = new MimeMultipart("mixed");
      MimeBodyPart body = new MimeBodyPart();
      body.setText(text, "UTF-8");
      mixed.addBodyPart(body);
      for (Attached attached : files) {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(
            new DataHandler(new ByteArrayDataSource(attached.content(), attached.contentType())));
        part.setFileName(attached.name());
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        // Base64 keeps every byte as it is: no line ending or trailing space is touched.
        part.setHeader("Content-Transfer-Encoding", "base64");
        mixed.addBodyPart(part);
      }
      message.setContent(mixed);
      message.saveChanges();
      try (OutputStream out = Files.newOutputStream(file)) {
        message.writeTo(out);
      }
    } catch (MessagingException e) {
      // Building a message from text and bytes fails only on a fault of keymail's own.
      throw new IllegalStateException("the support report could not be written", e);
    }
  }
}
