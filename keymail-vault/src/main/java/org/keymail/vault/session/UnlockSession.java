package org.keymail.vault.session;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A live unlock session: the owner presented this PassKey and typed the right access code, so the
 * vault uses their keys until {@code idleExpiry} (moved on with every use) or {@code
 * absoluteExpiry}, whichever comes first.
 */
public record UnlockSession(
    UUID userId, UUID passkeyId, Instant idleExpiry, Instant absoluteExpiry) {
  public UnlockSession {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(passkeyId, "passkeyId");
  }
}
