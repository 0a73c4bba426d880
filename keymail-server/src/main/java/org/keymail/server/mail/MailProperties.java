package org.keymail.server.mail;

import java.util.Optional;
import org.keymail.mail.MailLogin;
import org.keymail.mail.MailServers;
import org.keymail.mail.MailServers.Endpoint;
import org.keymail.mail.MailServers.Security;
import org.keymail.mail.MailServers.ServiceCredential;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The organisation's mail servers as configured under {@code keymail.mail} ({@code KEYMAIL_MAIL_*}
 * in the environment). With no IMAP host, keymail runs its embedded mail server on the loopback
 * address and every other setting here is unused.
 *
 * @param imapHost the IMAP server (none: the embedded server)
 * @param imapPort its port (default 993 for TLS, else 143)
 * @param imapSecurity {@code tls} (default), {@code starttls} or {@code none}
 * @param masterUser keymail's master (proxy) login on the IMAP server
 * @param masterSecret its password
 * @param smtpHost the SMTP submission server (default: the IMAP host)
 * @param smtpPort its port (default 465 for TLS, else 587)
 * @param smtpSecurity {@code tls}, {@code starttls} (default) or {@code none}
 * @param smtpUser keymail's service login for submission (none: keymail is a trusted relay)
 * @param smtpSecret its password
 * @param embeddedImapPort the embedded IMAP port on 127.0.0.1 (default 0: a free one)
 * @param embeddedSmtpPort the embedded SMTP port on 127.0.0.1 (default 0: a free one)
 * @param maxMessageBytes the largest message the webmail sends or saves, attachments included, as
 *     uploaded (default 50 MiB); the other uploads keep their own, smaller limit
 */
@ConfigurationProperties("keymail.mail")
public record MailProperties(
    String imapHost,
    Integer imapPort,
    Security imapSecurity,
    String masterUser,
    String masterSecret,
    String smtpHost,
    Integer smtpPort,
    Security smtpSecurity,
    String smtpUser,
    String smtpSecret,
    Integer embeddedImapPort,
    Integer embeddedSmtpPort,
    Long maxMessageBytes) {

  /** The default of {@link #maxMessageBytes}: 50 MiB. */
  public static final long DEFAULT_MAX_MESSAGE_BYTES = 50L * 1024 * 1024;

  public MailProperties {
    imapHost = blankToNull(imapHost);
    smtpHost = blankToNull(smtpHost);
    imapSecurity = imapSecurity == null ? Security.TLS : imapSecurity;
    smtpSecurity = smtpSecurity == null ? Security.STARTTLS : smtpSecurity;
    embeddedImapPort = embeddedImapPort == null ? 0 : embeddedImapPort;
    embeddedSmtpPort = embeddedSmtpPort == null ? 0 : embeddedSmtpPort;
    maxMessageBytes =
        maxMessageBytes == null || maxMessageBytes <= 0
            ? DEFAULT_MAX_MESSAGE_BYTES
            : maxMessageBytes;
  }

  /** Whether keymail runs its own mail server (no IMAP host is named). */
  public boolean embedded() {
    return imapHost == null;
  }

  /**
   * The organisation's servers as named here.
   *
   * @throws IllegalStateException when the settings are incomplete (the message names the setting)
   */
  public MailServers servers() {
    if (embedded()) {
      throw new IllegalStateException("no mail server is named: keymail runs its embedded one");
    }
    if (blankToNull(masterUser) == null || masterSecret == null || masterSecret.isEmpty()) {
      throw new IllegalStateException(
          "keymail.mail.imap-host is "
              + imapHost
              + " but keymail.mail.master-user and keymail.mail.master-secret (KEYMAIL_MAIL_MASTER_USER,"
              + " KEYMAIL_MAIL_MASTER_SECRET) are not both set: keymail logs in to users' mailboxes"
              + " as a master user");
    }
    Endpoint imap =
        new Endpoint(
            imapHost,
            imapPort != null ? imapPort : imapSecurity == Security.TLS ? 993 : 143,
            imapSecurity);
    Endpoint smtp =
        new Endpoint(
            smtpHost != null ? smtpHost : imapHost,
            smtpPort != null ? smtpPort : smtpSecurity == Security.TLS ? 465 : 587,
            smtpSecurity);
    Optional<ServiceCredential> smtpLogin =
        blankToNull(smtpUser) == null
            ? Optional.empty()
            : Optional.of(new ServiceCredential(smtpUser, smtpSecret == null ? "" : smtpSecret));
    return new MailServers(
        imap, new MailLogin.Proxy(masterUser.strip(), masterSecret), smtp, smtpLogin);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  @Override
  public String toString() {
    return embedded()
        ? "MailProperties[embedded]"
        : "MailProperties[imap=" + imapHost + ", masterUser=" + masterUser + ", secrets hidden]";
  }
}
