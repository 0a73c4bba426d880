package org.keymail.vault.policy;

import java.util.Objects;
import java.util.UUID;

/**
 * The administrator who changes a policy, for the audit event: their user id, the PassKey they
 * unlocked with, and where their request came from.
 */
public record PolicyChanger(UUID userId, UUID passkeyId, String clientAddress) {
  public PolicyChanger {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(passkeyId, "passkeyId");
  }
}
