package org.keymail.vault.protect;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * The associated data that binds a stored private key's ciphertext and its wrapped data key to
 * their row: the key id, then the owner's user id (16 bytes each). A ciphertext copied to another
 * row, or a row given to another user, no longer decrypts.
 */
public final class KeyBinding {

  private KeyBinding() {}

  /** {@code keyId || userId}, 32 bytes. */
  public static byte[] aad(UUID keyId, UUID userId) {
    return ByteBuffer.allocate(32)
        .putLong(keyId.getMostSignificantBits())
        .putLong(keyId.getLeastSignificantBits())
        .putLong(userId.getMostSignificantBits())
        .putLong(userId.getLeastSignificantBits())
        .array();
  }
}
