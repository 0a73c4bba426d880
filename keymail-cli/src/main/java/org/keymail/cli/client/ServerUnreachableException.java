package org.keymail.cli.client;

/**
 * The keymail server could not be reached or did not answer as a keymail server: not running, wrong
 * address, TLS refused, or an answer the CLI cannot read.
 */
public final class ServerUnreachableException extends Exception {
  private static final long serialVersionUID = 1L;

  public ServerUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
