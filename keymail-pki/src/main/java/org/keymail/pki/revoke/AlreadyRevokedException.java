package org.keymail.pki.revoke;

import java.time.Instant;
import org.keymail.pki.status.RevocationReason;

/** The certificate was revoked before; a revocation is final and is not repeated. */
public class AlreadyRevokedException extends RevocationRefusedException {
  private static final long serialVersionUID = 1L;

  public AlreadyRevokedException(String serialHex, Instant revokedAt, RevocationReason reason) {
    super(
        "the certificate with serial number "
            + serialHex
            + " was revoked already at "
            + revokedAt
            + " ("
            + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
            + ")");
  }
}
