package org.keymail.mail;

/**
 * keymail will not send or store this message as it is: a From that is not the user's own address,
 * a folder or message that does not exist, a message that is not readable mail. The message says
 * which, in a sentence the user can act on; nothing was sent.
 */
public final class MessageRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  public MessageRefusedException(String message) {
    super(message);
  }

  public MessageRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
