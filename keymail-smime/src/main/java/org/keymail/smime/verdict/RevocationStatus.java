package org.keymail.smime.verdict;

import java.time.Instant;
import java.util.Optional;

/** What a {@link RevocationCheck} found about one certificate. */
public sealed interface RevocationStatus {

  /** The issuer's current revocation information lists the certificate as good. */
  record Good(String source) implements RevocationStatus {}

  /** The issuer revoked the certificate. */
  record Revoked(Instant revokedAt, Optional<String> reason, String source)
      implements RevocationStatus {
    /** Reasons are spoken one way, whoever reported them: {@code key-compromise}. */
    public Revoked {
      reason = reason.map(r -> r.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
  }

  /** No usable revocation information for this certificate. */
  record Unknown(String why) implements RevocationStatus {}
}
