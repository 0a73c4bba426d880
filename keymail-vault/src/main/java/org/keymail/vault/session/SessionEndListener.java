package org.keymail.vault.session;

/**
 * Told when this node forgets an unlock session (logout, expiry, or found ended elsewhere), so that
 * whatever is kept in memory for it (decrypted keys) goes with it.
 */
@FunctionalInterface
public interface SessionEndListener {

  void forgotten(SessionId session);
}
