package org.keymail.smime;

/**
 * The message is not well-formed MIME where S/MIME needs it to be: a header block that does not
 * end, a {@code multipart/signed} without its two parts or its boundary, a body that is not valid
 * base64.
 */
public final class MalformedMessageException extends SmimeException {
  private static final long serialVersionUID = 1L;

  public MalformedMessageException(String message) {
    super(message);
  }

  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
