package org.keymail.vault.user;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who made an invitation, for its audit event: an unlocked administrator (user id, the PassKey they
 * unlocked with, and the address their request came from), the server's bootstrap of its first
 * administrator, or keymail's own tools acting for no signed-in person.
 *
 * @param actor {@code administrator}, {@code bootstrap} or {@code tool}
 * @param userId the inviting administrator, if one
 * @param passkeyId the PassKey that administrator unlocked with, if one
 * @param clientAddress where the administrator's request came from, if over the network
 */
public record Inviter(
    String actor, Optional<UUID> userId, Optional<UUID> passkeyId, Optional<String> clientAddress) {

  public Inviter {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(passkeyId, "passkeyId");
    Objects.requireNonNull(clientAddress, "clientAddress");
  }

  /** An unlocked administrator, calling from {@code clientAddress}. */
  public static Inviter administrator(UUID userId, UUID passkeyId, String clientAddress) {
    return new Inviter(
        "administrator",
        Optional.of(userId),
        Optional.of(passkeyId),
        Optional.ofNullable(clientAddress));
  }

  /** The server creating its first administrator on start. */
  public static Inviter bootstrap() {
    return new Inviter("bootstrap", Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** keymail's own tools (benchmarks, tests) acting for nobody signed in. */
  public static Inviter tool() {
    return new Inviter("tool", Optional.empty(), Optional.empty(), Optional.empty());
  }
}
