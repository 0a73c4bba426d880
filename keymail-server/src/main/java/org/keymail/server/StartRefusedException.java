package org.keymail.server;

/**
 * The server stopped again right after starting because what it was asked to do on this start
 * cannot be done, e.g. {@code --bootstrap-admin} on a server whose administrator has activated. The
 * message is one sentence for the person who started it; nothing was changed.
 */
public final class StartRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StartRefusedException(String message) {
    super(message);
  }
}
