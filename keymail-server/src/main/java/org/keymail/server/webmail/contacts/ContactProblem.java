package org.keymail.server.webmail.contacts;

/** Why a call of the contacts API could not be done, in words for the person at the keyboard. */
public final class ContactProblem extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of thing stopped the call, so that a client can tell them apart. */
  public enum Kind {
    /** What was sent is not one X.509 certificate in PEM. */
    NOT_A_CERTIFICATE,
    /** The certificate is a CA's, or names no usable e-mail address: nobody to write to. */
    NOT_A_PERSONS_CERTIFICATE,
    /** The value given is not an e-mail address. */
    BAD_ADDRESS,
    /** The user keeps no contact for that address. */
    NOT_FOUND
  }

  private final Kind kind;

  ContactProblem(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  ContactProblem(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
