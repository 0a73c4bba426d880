package org.keymail.pki.revoke;

import java.util.Objects;
import java.util.UUID;

/**
 * Who revokes, and in which role: an administrator may revoke any certificate, a user only their
 * own ("I lost my PassKey"). The server sets the role from the signed-in user, never from input.
 *
 * @param userId the vault user's id
 * @param role the role they act in
 */
public record Actor(UUID userId, Role role) {

  /** The roles in which someone may revoke. */
  public enum Role {
    ADMINISTRATOR,
    USER
  }

  public Actor {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(role, "role");
  }

  /** An administrator, who may revoke any certificate. */
  public static Actor administrator(UUID userId) {
    return new Actor(userId, Role.ADMINISTRATOR);
  }

  /** A user, who may revoke only their own certificates. */
  public static Actor user(UUID userId) {
    return new Actor(userId, Role.USER);
  }
}
