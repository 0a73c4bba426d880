package org.keymail.vault.passkey;

import java.util.Objects;
import java.util.UUID;

/** Proof that this user's PassKey was just presented: a verified WebAuthn assertion. */
public record AssertedPassKey(UUID userId, UUID passkeyId) {
  public AssertedPassKey {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(passkeyId, "passkeyId");
  }
}
