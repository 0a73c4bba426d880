package org.keymail.vault.keys;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.keymail.smime.KeyHandle;
import org.keymail.vault.session.SessionId;

/**
 * Decrypted private keys, in memory only, each kept for the one unlock session that decrypted it:
 * the first use in a session pays for the envelope decryption and the conversion for the fast
 * provider, later uses in that session reuse it. Never shared across sessions (so never across
 * users); dropped when the session is forgotten, when the key is archived or deleted, and on close.
 * Never written anywhere.
 */
final class UnlockedKeys {

  private final Map<SessionId, Map<UUID, KeyHandle>> bySession = new ConcurrentHashMap<>();

  /** {@code keyId} as decrypted in {@code session}, or null. */
  KeyHandle get(SessionId session, UUID keyId) {
    Map<UUID, KeyHandle> keys = bySession.get(session);
    return keys == null ? null : keys.get(keyId);
  }

  void put(SessionId session, UUID keyId, KeyHandle key) {
    bySession.computeIfAbsent(session, s -> new ConcurrentHashMap<>()).put(keyId, key);
  }

  void forgetSession(SessionId session) {
    bySession.remove(session);
  }

  void forgetKey(UUID keyId) {
    for (Map<UUID, KeyHandle> keys : bySession.values()) {
      keys.remove(keyId);
    }
  }

  void forgetAll() {
    bySession.clear();
  }

  /** How many decrypted keys are held, over all sessions: for tests of the eviction rules. */
  int size() {
    return bySession.values().stream().mapToInt(Map::size).sum();
  }

  @Override
  public String toString() {
    return "UnlockedKeys[" + size() + " keys, key material redacted]";
  }
}
