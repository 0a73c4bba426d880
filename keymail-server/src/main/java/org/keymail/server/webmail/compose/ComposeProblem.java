package org.keymail.server.webmail.compose;

/**
 * Something about a message being written that stops it from being sent or saved, in words the
 * writer can act on; the form comes back with everything typed and attached.
 */
public class ComposeProblem extends Exception {
  private static final long serialVersionUID = 1L;

  ComposeProblem(String message) {
    super(message);
  }

  ComposeProblem(String message, Throwable cause) {
    super(message, cause);
  }
}
