package org.keymail.server.support;

/** Why a support report was not sent, in words for the person who wrote it. */
public final class SupportProblem extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of thing stopped the report, so that a client can tell them apart. */
  public enum Kind {
    /** The administrator has named no service desk. */
    NOT_SET_UP,
    /** The report as written cannot be sent: no description, too long, a bad reply address. */
    INVALID,
    /** The mail server refused it. */
    MAIL_REFUSED,
    /** The mail server could not be reached. */
    MAIL_UNAVAILABLE
  }

  private final Kind kind;

  SupportProblem(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  SupportProblem(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
