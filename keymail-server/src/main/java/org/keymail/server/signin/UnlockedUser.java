package org.keymail.server.signin;

import java.util.Objects;
import java.util.UUID;

/**
 * The person behind a request whose unlock session is open: their vault user id and the PassKey
 * they unlocked with.
 */
public record UnlockedUser(UUID userId, UUID passkeyId) {
  public UnlockedUser {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(passkeyId, "passkeyId");
  }
}
