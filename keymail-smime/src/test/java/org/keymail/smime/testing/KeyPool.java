package org.keymail.smime.testing;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Key pairs generated once per test JVM and handed out again, because generating an RSA-3072 key
 * takes up to a second and a suite mints dozens of certificates.
 *
 * <p>Slot {@code n} of a type always holds the same key pair; each {@link TestPki} takes its slots
 * in order, so the keys of one PKI are all different until it has used {@link #SIZE} keys of one
 * type. Filled lazily and safe for parallel tests.
 */
final class KeyPool {

  /** Slots per key type; beyond that, one PKI's keys start to repeat. */
  static final int SIZE = 32;

  private static final Map<KeyType, List<KeyPair>> POOL = new EnumMap<>(KeyType.class);

  static {
    for (KeyType type : KeyType.values()) {
      POOL.put(type, new ArrayList<>());
    }
  }

  private KeyPool() {}

  static KeyPair get(KeyType type, int slot) {
    List<KeyPair> keys = POOL.get(type);
    int index = Math.floorMod(slot, SIZE);
    synchronized (keys) {
      while (keys.size() <= index) {
        keys.add(type.generate());
      }
      return keys.get(index);
    }
  }
}
