package org.keymail.pki.request;

/**
 * A step of the request flow was refused; the subclass says why ({@link CsrRefusedException},
 * {@link RequestNotFoundException}, {@link RequestNotPendingException}) and the message says it in
 * words.
 */
public abstract class RequestRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  protected RequestRefusedException(String message) {
    super(message);
  }

  protected RequestRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
