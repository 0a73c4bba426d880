package org.keymail.vault.audit;

import java.util.Objects;
import java.util.UUID;

/**
 * One thing that happened, for the audit log: who (user, PassKey), what (operation, object), from
 * where (client address) and how it ended. Never carries a secret: no key material, access code or
 * session token goes into any field.
 *
 * @param operation a stable name such as {@code AUTHENTICATE}, {@code LOCKOUT}, {@code UNLOCK},
 *     {@code SIGN}, {@code DECRYPT}, {@code IMPORT}, {@code GENERATE_KEY}, {@code INSTALL_CERT},
 *     {@code REVOKE_PASSKEY}, {@code ROTATE_KEK}, {@code POLICY_CHANGE}
 */
public record AuditEvent(
    UUID userId,
    UUID passkeyId,
    String operation,
    String object,
    String clientAddress,
    AuditResult result,
    String detail) {
  public AuditEvent {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(result, "result");
  }

  public static AuditEvent of(UUID userId, String operation, String object, AuditResult result) {
    return new AuditEvent(userId, null, operation, object, null, result, null);
  }
}
