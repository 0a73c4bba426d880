package org.keymail.server.vault;

/**
 * The vault's database did not answer. Nothing the user did is wrong; the API answers 503 and the
 * details go to the server log only.
 */
public final class VaultUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** For a database failure anywhere in the server, the API's controllers included. */
  public VaultUnavailableException(java.sql.SQLException cause) {
    super("The vault's database is not reachable right now; try again in a moment.", cause);
  }
}
