package org.keymail.vault.lockout;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where one PassKey stands with its access code: wrong codes in a row so far, and until when it is
 * locked, if a lock was set (it may have run out already: compare with the time).
 */
public record PassKeyLockout(
    UUID passkeyId, String name, int wrongCodes, Optional<Instant> lockedUntil) {

  /** Whether the PassKey refuses access codes at {@code now}. */
  public boolean lockedAt(Instant now) {
    return lockedUntil.map(now::isBefore).orElse(false);
  }
}
