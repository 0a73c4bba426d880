package org.keymail.smime.select;

import java.util.Objects;

/**
 * A certificate {@link CertificateSelector} did not choose, and why in words a user reads.
 *
 * @param candidate the certificate that was passed over
 * @param reason why, e.g. "expired on 2026-01-01T00:00:00Z"
 */
public record Rejection(Candidate candidate, String reason) {

  public Rejection {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(reason, "reason");
  }

  /** {@code subject (serial n): reason}, for messages and logs. */
  public String describe() {
    return candidate.describe() + ": " + reason;
  }
}
