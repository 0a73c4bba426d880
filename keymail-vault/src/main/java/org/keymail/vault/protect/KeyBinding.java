package org.keymail.vault.protect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The associated data that binds a stored private key's ciphertext and its wrapped data key to
 * their row: the key id, then the owner's user id (16 bytes each). A ciphertext copied to another
 * row, or a row given to another user, no longer decrypts. The certificate authority's keys have no
 * owner: their second half is a name-based UUID of the key's alias.
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

  /** {@code keyId || UUID(alias)}, 32 bytes: the binding of a certificate-authority key. */
  public static byte[] authorityAad(UUID keyId, String alias) {
    return aad(
        keyId, UUID.nameUUIDFromBytes(("authority:" + alias).getBytes(StandardCharsets.UTF_8)));
  }
}
