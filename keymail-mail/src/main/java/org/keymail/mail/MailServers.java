package org.keymail.mail;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the organisation's mail lives and how keymail reaches it: an IMAP server for reading and an
 * SMTP server for submission.
 *
 * @param imap the IMAP server
 * @param login how keymail logs in to it for a user
 * @param smtp the SMTP server mail is submitted to
 * @param smtpLogin keymail's own service credential for submission; empty where the server takes
 *     keymail as a trusted relay (by its network address)
 */
public record MailServers(
    Endpoint imap, MailLogin login, Endpoint smtp, Optional<ServiceCredential> smtpLogin) {

  public MailServers {
    Objects.requireNonNull(imap, "imap");
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(smtp, "smtp");
    Objects.requireNonNull(smtpLogin, "smtpLogin");
  }

  /** How the connection to a server is protected. */
  public enum Security {
    /** TLS from the first byte (IMAPS on 993, SMTPS on 465). */
    TLS,
    /** A plain connection upgraded with STARTTLS, refused when the server does not offer it. */
    STARTTLS,
    /** No TLS: only for a server on the same machine (the embedded one, a local test server). */
    NONE
  }

  /**
   * A server's address.
   *
   * @param host its host name
   * @param port its port
   * @param security how the connection is protected
   */
  public record Endpoint(String host, int port, Security security) {
    public Endpoint {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(security, "security");
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("a port is 1 to 65535, not " + port);
      }
    }

    @Override
    public String toString() {
      return host + ":" + port + " (" + security + ")";
    }
  }

  /**
   * keymail's own login on the SMTP server.
   *
   * @param user the login
   * @param secret the password; never logged, never shown
   */
  public record ServiceCredential(String user, String secret) {
    public ServiceCredential {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
      return "ServiceCredential[user=" + user + ", secret=(hidden)]";
    }
  }
}
