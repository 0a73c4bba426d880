package org.keymail.vault.keys;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;

/** Ids of new vault keys and certificates: random (version 4) UUIDs from the vault's randomness. */
final class RandomIds {

  private RandomIds() {}

  static UUID next(SecureRandom random) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    ByteBuffer buffer = ByteBuffer.wrap(b);
    return new UUID(buffer.getLong(), buffer.getLong());
  }
}
