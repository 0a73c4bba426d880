package org.keymail.mail;

import jakarta.mail.Session;
import java.util.Optional;
import java.util.Properties;
import org.keymail.mail.MailServers.Endpoint;
import org.keymail.mail.MailServers.Security;

/**
 * Jakarta Mail sessions for keymail's connections: timeouts so that a mail server that hangs gives
 * a clear error instead of a page that never loads, the server's host name checked against its TLS
 * certificate, STARTTLS required where it is asked for, and bodies fetched in 64 KiB pieces so a
 * large message streams.
 */
public final class MailSessions {

  private static final String CONNECT_TIMEOUT_MS = "10000";
  private static final String READ_TIMEOUT_MS = "60000";

  private MailSessions() {}

  /**
   * A session for IMAP; with {@code actAs}, one that logs in with SASL PLAIN authorised as that
   * user (a proxy login).
   */
  public static Session imap(Endpoint server, Optional<String> actAs) {
    String protocol = server.security() == Security.TLS ? "imaps" : "imap";
    Properties p = common(protocol, server);
    p.setProperty("mail.store.protocol", protocol);
    p.setProperty("mail." + protocol + ".fetchsize", "65536");
    p.setProperty("mail." + protocol + ".peek", "true");
    actAs.ifPresent(
        user -> {
          p.setProperty("mail." + protocol + ".sasl.enable", "true");
          p.setProperty("mail." + protocol + ".sasl.mechanisms", "PLAIN");
          p.setProperty("mail." + protocol + ".sasl.authorizationid", user);
        });
    return Session.getInstance(p);
  }

  /** A session for SMTP submission. */
  public static Session smtp(Endpoint server, boolean authenticate) {
    String protocol = server.security() == Security.TLS ? "smtps" : "smtp";
    Properties p = common(protocol, server);
    p.setProperty("mail.transport.protocol", protocol);
    p.setProperty("mail." + protocol + ".auth", Boolean.toString(authenticate));
    return Session.getInstance(p);
  }

  private static Properties common(String protocol, Endpoint server) {
    Properties p = new Properties();
    String prefix = "mail." + protocol + ".";
    p.setProperty(prefix + "host", server.host());
    p.setProperty(prefix + "port", Integer.toString(server.port()));
    p.setProperty(prefix + "connectiontimeout", CONNECT_TIMEOUT_MS);
    p.setProperty(prefix + "timeout", READ_TIMEOUT_MS);
    p.setProperty(prefix + "writetimeout", READ_TIMEOUT_MS);
    if (server.security() != Security.NONE) {
      p.setProperty(prefix + "ssl.checkserveridentity", "true");
    }
    if (server.security() == Security.STARTTLS) {
      p.setProperty(prefix + "starttls.enable", "true");
      p.setProperty(prefix + "starttls.required", "true");
    }
    return p;
  }
}
