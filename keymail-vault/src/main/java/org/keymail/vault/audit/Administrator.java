package org.keymail.vault.audit;

import java.util.Objects;
import java.util.UUID;

/**
 * The administrator who makes a change, as its audit event names them: their user id, the PassKey
 * they unlocked with (absent when they signed in with a certificate alone), and where their request
 * came from (absent for a change made on the server's own machine).
 */
public record Administrator(UUID userId, UUID passkeyId, String clientAddress) {

  public Administrator {
    Objects.requireNonNull(userId, "userId");
  }

  /** The event of a change this administrator made. */
  public AuditEvent did(String operation, String object, AuditResult result, String detail) {
    return new AuditEvent(userId, passkeyId, operation, object, clientAddress, result, detail);
  }
}
