package org.keymail.pki.audit;

import java.util.Objects;
import java.util.UUID;

/**
 * One thing the certificate authority did.
 *
 * @param actorId the user who asked for it, or null for the CA itself (start-up, schedule)
 * @param operation what was done, e.g. {@code CERT_REQUEST}, {@code CERT_ISSUE}, {@code
 *     CERT_REVOKE}, {@code TEMPLATE_CHANGE}
 * @param object what it was done to, e.g. {@code request 42} or {@code serial 5f3a...}
 * @param clientAddress where the request came from, or null
 * @param outcome whether it was done, refused (DENIED) or failed
 * @param detail a short human-readable detail (reason, template name), never a secret
 */
public record CaEvent(
    UUID actorId,
    String operation,
    String object,
    String clientAddress,
    Outcome outcome,
    String detail) {

  /** Whether the operation was done. */
  public enum Outcome {
    SUCCESS,
    FAILURE,
    DENIED
  }

  public CaEvent {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(outcome, "outcome");
  }
}
