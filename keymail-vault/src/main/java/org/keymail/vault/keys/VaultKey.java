package org.keymail.vault.keys;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A private key kept in the vault, as callers see it: its id, owner, algorithm and public key. The
 * private key itself never leaves the vault; use a {@link VaultKeyHandle}.
 *
 * @param archivedAt when the key was archived (superseded; still decrypts old mail), or null
 */
public record VaultKey(
    UUID id,
    UUID userId,
    KeyAlgorithm algorithm,
    PublicKey publicKey,
    Instant createdAt,
    Instant archivedAt) {
  public VaultKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(publicKey, "publicKey");
  }

  public boolean isArchived() {
    return archivedAt != null;
  }

  @Override
  public String toString() {
    return "VaultKey["
        + id
        + ", "
        + algorithm
        + ", user "
        + userId
        + (isArchived() ? ", archived" : "")
        + "]";
  }
}
