package org.keymail.server.webmail.api;

/** Why a call of the mail API could not be done, in words for the person at the keyboard. */
public final class MailApiProblem extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of thing stopped the call, so that a client can tell them apart. */
  public enum Kind {
    /** The body sent is not an RFC 5322 message. */
    NOT_A_MESSAGE,
    /** The message names no recipient. */
    NO_RECIPIENTS,
    /** A recipient field holds something that is not an address. */
    BAD_ADDRESS,
    /** The From or Sender is not the user's own address. */
    NOT_YOUR_ADDRESS,
    /** There is no such folder or message. */
    NOT_FOUND,
    /** The organisation requires every message to be signed, and this one is not. */
    NOT_SIGNED,
    /** The organisation requires every message to be encrypted, and this one is not. */
    NOT_ENCRYPTED,
    /** The mail server refused the message or the request. */
    MAIL_REFUSED,
    /** The mail server could not be reached. */
    MAIL_UNAVAILABLE
  }

  private final Kind kind;

  MailApiProblem(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  MailApiProblem(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
