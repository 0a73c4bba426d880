package org.keymail.server.web;

/**
 * A request the server cannot use as sent (bad base64, an unknown algorithm name, ...). Answered
 * with 400 and its message, which names what is wrong.
 */
public class BadRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadRequestException(String message) {
    super(message);
  }
}
