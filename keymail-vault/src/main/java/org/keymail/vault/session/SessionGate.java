package org.keymail.vault.session;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.keymail.vault.VaultException;

/**
 * Asked before every use of a private key: is this token's unlock session still open? Answers with
 * the session (moving its idle expiry on), or throws the exception a client turns into a prompt
 * ("present your PassKey" / "enter your access code"). A gate that cannot read its sessions throws
 * {@code StorageUnavailableException}: it cannot tell, so it neither opens nor closes anything.
 *
 * <p>A gate may answer {@link #requireForKeyUse} from memory; then the database stays the authority
 * through {@link #closedAmong}, asked in the transaction that stores the audit events of the key
 * uses.
 */
@FunctionalInterface
public interface SessionGate {

  UnlockSession require(SessionToken token) throws VaultException;

  /**
   * As {@link #require}, before a private-key operation whose audit event will be stored through
   * {@link #closedAmong}: a gate may answer this from memory.
   */
  default UnlockSession requireForKeyUse(SessionToken token) throws VaultException {
    return require(token);
  }

  /**
   * Of the sessions in {@code lastUses}, those that are closed now according to the database (ended
   * on any node, PassKey revoked, user disabled, expired); the others count as used at the given
   * times, as the key-use journal ships uses made a moment ago. Called inside the transaction that
   * stores the audit events of key uses under them. A gate that answers {@link #require} from the
   * authority itself finds none.
   */
  default Set<SessionId> closedAmong(Connection transaction, Map<SessionId, Instant> lastUses)
      throws SQLException {
    return Set.of();
  }

  /** Registers {@code listener} to hear of every session this node forgets. */
  default void whenForgotten(SessionEndListener listener) {}
}
