package org.keymail.smime.verdict;

import java.time.Instant;
import java.util.Optional;

/** What a {@link RevocationCheck} found about one certificate. */
public sealed interface RevocationStatus {

  /** The issuer's current revocation information lists the certificate as good. */
  record Good(String source) implements RevocationStatus {}

  /** The issuer revoked the certificate. */
  record Revoked(Instant revokedAt, Optional<String> reason, String source)
      implements RevocationStatus {}

  /** No usable revocation information for this certificate. */
  record Unknown(String why) implements RevocationStatus {}
}
