package org.keymail.mail;

/**
 * The mail server could not be reached, refused keymail's login, or failed mid-way. Nothing the
 * user did is wrong and nothing was changed; the message is safe to show, the cause goes to the
 * log.
 */
public final class MailUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public MailUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public MailUnavailableException(String message) {
    super(message);
  }
}
