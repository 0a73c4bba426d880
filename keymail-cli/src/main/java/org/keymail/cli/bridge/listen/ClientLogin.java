package org.keymail.cli.bridge.listen;

/**
 * The one check of a mail client's user name and password at the bridge, shared by its IMAP and
 * SMTP sides. The password is wiped by the caller after the check.
 */
@FunctionalInterface
public interface ClientLogin {

  /** Whether {@code user} and {@code password} are the bridge's. */
  boolean accepts(String user, char[] password);
}
