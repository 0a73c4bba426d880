package org.keymail.smime.select;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link CertificateSelector#select}: the chosen certificate, why it was chosen, and
 * why each of the others was not.
 *
 * @param chosen the certificate to use
 * @param reasons why this one, in words a user reads, most important first
 * @param rejected every other candidate with the reason it was passed over: unusable ones (wrong
 *     key usage, expired, another address) and usable ones that ranked lower
 */
public record Selection(Candidate chosen, List<String> reasons, List<Rejection> rejected) {

  public Selection {
    Objects.requireNonNull(chosen, "chosen");
    reasons = List.copyOf(reasons);
    rejected = List.copyOf(rejected);
  }
}
