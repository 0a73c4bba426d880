package org.keymail.server.signin;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The person behind a signed-in request: their vault user id and the PassKey they signed in or
 * unlocked with; {@code passkeyId} is null when they signed in with a certificate alone (their keys
 * are then locked until they present a PassKey). Serialisable: a browser's HTTP session keeps it in
 * the shared database.
 */
public record UnlockedUser(UUID userId, UUID passkeyId) implements Serializable {
  private static final long serialVersionUID = 1L;

  public UnlockedUser {
    Objects.requireNonNull(userId, "userId");
  }

  /** Someone signed in with a certificate and no PassKey. */
  static UnlockedUser byCertificate(UUID userId) {
    return new UnlockedUser(userId, null);
  }

  /** The PassKey they signed in with, if they used one. */
  public Optional<UUID> passkey() {
    return Optional.ofNullable(passkeyId);
  }
}
