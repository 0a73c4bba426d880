package org.keymail.server.signin;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * The person behind a request whose unlock session is open: their vault user id and the PassKey
 * they unlocked with. Serialisable: a browser's HTTP session keeps it in the shared database.
 */
public record UnlockedUser(UUID userId, UUID passkeyId) implements Serializable {
  private static final long serialVersionUID = 1L;

  public UnlockedUser {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(passkeyId, "passkeyId");
  }
}
