package org.keymail.cli.bridge.smtp;

/**
 * A message the bridge did not send, to anyone, with the SMTP reply that tells the client why: a
 * permanent failure (5xx, the client shows it as a bounce) or a temporary one (4xx, it tries
 * again).
 */
public final class NotSentException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final String status;

  /**
   * @param code the SMTP reply code, e.g. 550
   * @param status the enhanced status code (RFC 3463), e.g. {@code 5.7.1}
   * @param message the sentence for the person, one line
   */
  public NotSentException(int code, String status, String message) {
    super(message);
    this.code = code;
    this.status = status;
  }

  /** The reply line, {@code 550 5.7.1 sentence}. */
  String reply() {
    return code + " " + status + " " + getMessage().replaceAll("[\\r\\n]+", " ");
  }
}
