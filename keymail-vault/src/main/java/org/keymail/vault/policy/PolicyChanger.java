package org.keymail.vault.policy;

import java.util.Objects;
import java.util.UUID;

/**
 * The administrator who changes a policy, for the audit event: their user id, the PassKey they
 * unlocked with (absent when they signed in with a certificate alone), and where their request came
 * from.
 */
public record PolicyChanger(UUID userId, UUID passkeyId, String clientAddress) {
  public PolicyChanger {
    Objects.requireNonNull(userId, "userId");
  }
}
