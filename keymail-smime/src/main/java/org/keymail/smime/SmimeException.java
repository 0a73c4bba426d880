package org.keymail.smime;

/**
 * Base of every failure of keymail's S/MIME engine that a user can act on. Each subclass names one
 * kind of failure; its message says what is wrong in words a user can read, never a library's
 * internals.
 */
public abstract class SmimeException extends Exception {
  private static final long serialVersionUID = 1L;

  protected SmimeException(String message) {
    super(message);
  }

  protected SmimeException(String message, Throwable cause) {
    super(message, cause);
  }
}
