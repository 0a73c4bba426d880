package org.keymail.pki.status;

import java.time.Instant;

/** What the certificate authority knows about one serial number it may have issued. */
public sealed interface CertificateStatus {

  /** Issued by this CA and not revoked. */
  record Good() implements CertificateStatus {}

  /** Issued by this CA and revoked at {@code revokedAt} for {@code reason}. */
  record Revoked(Instant revokedAt, RevocationReason reason) implements CertificateStatus {}

  /** This CA never issued the serial number. */
  record Unknown() implements CertificateStatus {}
}
